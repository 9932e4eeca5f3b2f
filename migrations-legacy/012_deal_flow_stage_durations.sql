-- 012: flow data records when a deal entered and left a stage, in which pipeline, keyed by
-- Pipedrive's numeric event id.
-- The audit: production has pipeline_id bigint NOT NULL, pipedrive_event_id bigint NOT NULL,
-- entered_at, left_at, duration_seconds, and no timestamp / event_id. The NOT NULL columns are
-- added with a temporary default so the change also works on a table with rows.

ALTER TABLE pipedrive_deal_flow_data RENAME COLUMN "timestamp" TO entered_at;
ALTER TABLE pipedrive_deal_flow_data
  ADD COLUMN left_at timestamptz,
  ADD COLUMN duration_seconds integer,
  ADD COLUMN pipeline_id bigint NOT NULL DEFAULT 0,
  ADD COLUMN pipedrive_event_id bigint NOT NULL DEFAULT 0;
ALTER TABLE pipedrive_deal_flow_data
  ALTER COLUMN pipeline_id DROP DEFAULT,
  ALTER COLUMN pipedrive_event_id DROP DEFAULT;
ALTER TABLE pipedrive_deal_flow_data DROP COLUMN event_id;
