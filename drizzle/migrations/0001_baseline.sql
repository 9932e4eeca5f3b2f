CREATE TYPE "public"."request_status" AS ENUM('draft', 'submitted', 'approved', 'rejected');--> statement-breakpoint
CREATE TABLE "canonical_stage_mappings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"metric_config_id" uuid NOT NULL,
	"canonical_stage" text NOT NULL,
	"start_stage" text,
	"end_stage" text,
	"start_stage_id" bigint,
	"end_stage_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "flow_metrics_config" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"metric_key" text NOT NULL,
	"display_title" text NOT NULL,
	"description" text,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"green_threshold_days" numeric(6, 1),
	"amber_threshold_days" numeric(6, 1),
	CONSTRAINT "flow_metrics_config_metric_key_key" UNIQUE("metric_key")
);
--> statement-breakpoint
CREATE TABLE "pipedrive_deal_flow_data" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"deal_id" bigint NOT NULL,
	"stage_id" bigint NOT NULL,
	"entered_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"left_at" timestamp with time zone,
	"duration_seconds" integer,
	"pipeline_id" bigint NOT NULL,
	"pipedrive_event_id" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pipedrive_metric_data" (
	"id" bigint PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"pipeline_id" bigint NOT NULL,
	"stage_id" bigint NOT NULL,
	"status" text NOT NULL,
	"first_fetched_at" timestamp with time zone DEFAULT now(),
	"last_fetched_at" timestamp with time zone DEFAULT now()
);
--> statement-breakpoint
CREATE TABLE "pipedrive_submissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"simulated_deal_id" integer,
	"pipedrive_deal_id" bigint,
	"payload" jsonb NOT NULL,
	"response" jsonb,
	"status" text DEFAULT 'pending' NOT NULL,
	"error_message" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" text DEFAULT generate_request_id(),
	"status" "request_status" DEFAULT 'draft' NOT NULL,
	"mine_group" text,
	"mine_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"line_items" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"contact" jsonb,
	"salesperson" text,
	CONSTRAINT "requests_request_id_key" UNIQUE("request_id"),
	CONSTRAINT "requests_salesperson_selection_check" CHECK ("requests"."status" = 'draft' OR ("requests"."salesperson" IS NOT NULL AND length(btrim("requests"."salesperson")) > 0))
);
--> statement-breakpoint
CREATE TABLE "site_visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"visit_date" date NOT NULL,
	"salesperson" text NOT NULL,
	"mine_group" text,
	"mine_name" text,
	"purpose" text NOT NULL,
	"availability" text DEFAULT 'confirmed' NOT NULL,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone,
	CONSTRAINT "check_salesperson_valid" CHECK (length(btrim("site_visits"."salesperson")) > 0),
	CONSTRAINT "check_purpose_valid" CHECK ("site_visits"."purpose" IN ('introduction', 'demo', 'quote_follow_up', 'support', 'other')),
	CONSTRAINT "check_availability_valid" CHECK ("site_visits"."availability" IN ('confirmed', 'tentative', 'cancelled'))
);
--> statement-breakpoint
ALTER TABLE "canonical_stage_mappings" ADD CONSTRAINT "canonical_stage_mappings_metric_config_id_fkey" FOREIGN KEY ("metric_config_id") REFERENCES "public"."flow_metrics_config"("id") ON DELETE cascade ON UPDATE no action;