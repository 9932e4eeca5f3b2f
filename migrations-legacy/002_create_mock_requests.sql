-- 002: a separate table for demo/test requests, numbered MOCK-000001, MOCK-000002, …
-- The audit: mock_requests existed and was dropped; generate_mock_request_id() uses
-- mock_request_id_seq. The index is the kind a team adds for a list sorted by date; it goes
-- away with the table in 009.

CREATE SEQUENCE mock_request_id_seq;

CREATE FUNCTION generate_mock_request_id() RETURNS text
LANGUAGE plpgsql
AS $$
BEGIN
  RETURN 'MOCK-' || lpad(nextval('mock_request_id_seq')::text, 6, '0');
END;
$$;

CREATE TABLE mock_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  request_id text NOT NULL DEFAULT generate_mock_request_id(),
  payload jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX idx_mock_requests_created_at ON mock_requests (created_at);
