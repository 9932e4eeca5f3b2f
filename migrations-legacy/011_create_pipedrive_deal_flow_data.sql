-- 011: stage changes of Pipedrive deals, as first synced: one row per event.
-- This first shape is what schema.ts still describes (timestamp, event_id text); 012 moves it to
-- the production shape the audit found.

CREATE TABLE pipedrive_deal_flow_data (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  deal_id bigint NOT NULL,
  stage_id bigint NOT NULL,
  "timestamp" timestamptz NOT NULL,
  event_id text,
  created_at timestamptz NOT NULL DEFAULT now()
);
