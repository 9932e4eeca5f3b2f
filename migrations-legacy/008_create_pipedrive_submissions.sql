-- 008: what the app sent to Pipedrive for each request, and what came back.
-- The audit: production has no foreign key here (the only FK is on canonical_stage_mappings);
-- at the time a submission could come from requests or mock_requests, so request_id is a plain
-- uuid. simulated_deal_id starts NOT NULL; 010 relaxes it (the audit: nullable in production).

CREATE TABLE pipedrive_submissions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  request_id uuid NOT NULL,
  simulated_deal_id integer NOT NULL,
  pipedrive_deal_id bigint,
  payload jsonb NOT NULL,
  response jsonb,
  status text NOT NULL DEFAULT 'pending',
  error_message text,
  created_at timestamptz NOT NULL DEFAULT now()
);
