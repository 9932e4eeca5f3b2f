/**
 * The corrected schema (the audit's Phase 2): production exactly, as migrations-legacy 001–018
 * built it — same tables, columns in the same order, types, nullability, defaults, enum values,
 * checks, the one foreign key, and the unique constraints under production's names (drizzle's
 * default `*_unique` / `*_fk` names would break every DROP CONSTRAINT drizzle-kit generates
 * later). Functions, triggers and comments, which drizzle cannot express, are in the custom
 * migrations around the generated baseline. schema_migrations stays in production but not here.
 *
 * Head = production + the indexes the audit found missing (Phase 2 "add all missing indexes"),
 * added after the baseline by migration 0003. Left out on purpose: idx_requests_request_id and
 * idx_fmc_metric_key (the unique constraints' indexes already cover them, as the audit notes),
 * and pipedrive_metric_data's (they were on columns production never had). The audit's
 * idx_pipedrive_deal_flow_data_timestamp is on entered_at, the production column, and named so.
 */
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, foreignKey, index, integer, jsonb, numeric, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const timestamptz = (name: string) => timestamp(name, { withTimezone: true });

export const requestStatus = pgEnum('request_status', ['draft', 'submitted', 'approved', 'rejected']);

export const requests = pgTable(
  'requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: text('request_id').default(sql`generate_request_id()`).unique('requests_request_id_key'),
    status: requestStatus('status').notNull().default('draft'),
    mineGroup: text('mine_group'),
    mineName: text('mine_name'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
    lineItems: jsonb('line_items').notNull().default(sql`'[]'::jsonb`),
    contact: jsonb('contact'),
    salesperson: text('salesperson'),
  },
  (t) => [
    index('idx_requests_created_at').on(t.createdAt),
    index('idx_requests_status').on(t.status),
    index('idx_requests_mine_group').on(t.mineGroup),
    index('idx_requests_mine_name').on(t.mineName),
    index('idx_requests_salesperson').on(t.salesperson),
    index('idx_requests_line_items_gin').using('gin', t.lineItems),
    index('idx_requests_contact_gin').using('gin', t.contact),
    check('requests_salesperson_selection_check', sql`${t.status} = 'draft' OR (${t.salesperson} IS NOT NULL AND length(btrim(${t.salesperson})) > 0)`),
  ],
);

export const siteVisits = pgTable(
  'site_visits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    visitDate: date('visit_date').notNull(),
    salesperson: text('salesperson').notNull(),
    mineGroup: text('mine_group'),
    mineName: text('mine_name'),
    purpose: text('purpose').notNull(),
    availability: text('availability').notNull().default('confirmed'),
    notes: text('notes'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    // no default: NULL until the first update, then kept by the set_updated_at trigger
    updatedAt: timestamptz('updated_at'),
  },
  (t) => [
    index('idx_site_visits_date').on(t.visitDate),
    index('idx_site_visits_salesperson').on(t.salesperson),
    index('idx_site_visits_created_at').on(t.createdAt),
    check('check_salesperson_valid', sql`length(btrim(${t.salesperson})) > 0`),
    check('check_purpose_valid', sql`${t.purpose} IN ('introduction', 'demo', 'quote_follow_up', 'support', 'other')`),
    check('check_availability_valid', sql`${t.availability} IN ('confirmed', 'tentative', 'cancelled')`),
  ],
);

export const pipedriveSubmissions = pgTable(
  'pipedrive_submissions',
  {
  id: uuid('id').primaryKey().defaultRandom(),
  // no foreign key in production
  requestId: uuid('request_id').notNull(),
  simulatedDealId: integer('simulated_deal_id'),
  pipedriveDealId: bigint('pipedrive_deal_id', { mode: 'number' }),
  payload: jsonb('payload').notNull(),
  response: jsonb('response'),
  status: text('status').notNull().default('pending'),
  errorMessage: text('error_message'),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [index('idx_pipedrive_submissions_request_id').on(t.requestId), index('idx_pipedrive_submissions_simulated_deal_id').on(t.simulatedDealId)],
);

export const pipedriveDealFlowData = pgTable(
  'pipedrive_deal_flow_data',
  {
  id: uuid('id').primaryKey().defaultRandom(),
  dealId: bigint('deal_id', { mode: 'number' }).notNull(),
  stageId: bigint('stage_id', { mode: 'number' }).notNull(),
  enteredAt: timestamptz('entered_at').notNull(),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
  leftAt: timestamptz('left_at'),
  durationSeconds: integer('duration_seconds'),
  pipelineId: bigint('pipeline_id', { mode: 'number' }).notNull(),
  pipedriveEventId: bigint('pipedrive_event_id', { mode: 'number' }).notNull(),
  },
  (t) => [
    index('idx_pipedrive_deal_flow_data_deal_id').on(t.dealId),
    index('idx_pipedrive_deal_flow_data_stage_id').on(t.stageId),
    index('idx_pipedrive_deal_flow_data_entered_at').on(t.enteredAt),
  ],
);

export const pipedriveMetricData = pgTable('pipedrive_metric_data', {
  id: bigint('id', { mode: 'number' }).primaryKey(),
  title: text('title').notNull(),
  pipelineId: bigint('pipeline_id', { mode: 'number' }).notNull(),
  stageId: bigint('stage_id', { mode: 'number' }).notNull(),
  status: text('status').notNull(),
  firstFetchedAt: timestamptz('first_fetched_at').defaultNow(),
  lastFetchedAt: timestamptz('last_fetched_at').defaultNow(),
});

export const flowMetricsConfig = pgTable(
  'flow_metrics_config',
  {
  id: uuid('id').primaryKey().defaultRandom(),
  metricKey: text('metric_key').notNull().unique('flow_metrics_config_metric_key_key'),
  displayTitle: text('display_title').notNull(),
  description: text('description'),
  sortOrder: integer('sort_order').notNull().default(0),
  isActive: boolean('is_active').notNull().default(true),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  greenThresholdDays: numeric('green_threshold_days', { precision: 6, scale: 1 }),
  amberThresholdDays: numeric('amber_threshold_days', { precision: 6, scale: 1 }),
  },
  (t) => [index('idx_fmc_sort_order').on(t.sortOrder), index('idx_fmc_is_active').on(t.isActive)],
);

export const canonicalStageMappings = pgTable(
  'canonical_stage_mappings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    metricConfigId: uuid('metric_config_id').notNull(),
    canonicalStage: text('canonical_stage').notNull(),
    startStage: text('start_stage'),
    endStage: text('end_stage'),
    startStageId: bigint('start_stage_id', { mode: 'number' }),
    endStageId: bigint('end_stage_id', { mode: 'number' }),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('idx_csm_canonical_stage').on(t.canonicalStage),
    index('idx_csm_start_stage').on(t.startStage),
    index('idx_csm_end_stage').on(t.endStage),
    index('idx_csm_start_stage_id').on(t.startStageId),
    index('idx_csm_end_stage_id').on(t.endStageId),
    index('idx_csm_metric_config_id').on(t.metricConfigId),
    foreignKey({ name: 'canonical_stage_mappings_metric_config_id_fkey', columns: [t.metricConfigId], foreignColumns: [flowMetricsConfig.id] }).onDelete('cascade'),
  ],
);
