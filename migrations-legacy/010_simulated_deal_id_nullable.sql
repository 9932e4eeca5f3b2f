-- 010: submissions of real deals have no simulated deal id.
-- The audit: pipedrive_submissions.simulated_deal_id is an integer and NULLABLE in production.

ALTER TABLE pipedrive_submissions ALTER COLUMN simulated_deal_id DROP NOT NULL;
