-- 009: demo requests move to a separate environment: drop mock_requests and both request-id
-- sequences, and number requests REQ-<year>-<n> from the table itself.
-- The audit: mock_requests and the sequences are gone from production, yet
-- generate_mock_request_id() and generate_prod_request_id() still exist and still call nextval
-- on them (a PL/pgSQL body is not checked against the catalog) — nobody dropped them. Kept as it
-- happened. request_id becomes unique by a constraint (requests_request_id_key), which is why
-- production has no idx_requests_request_id.

DROP TABLE mock_requests;
DROP SEQUENCE mock_request_id_seq;
DROP SEQUENCE prod_request_id_seq;

CREATE FUNCTION generate_request_id() RETURNS text
LANGUAGE plpgsql
AS $$
DECLARE
  prefix text := 'REQ-' || to_char(now(), 'YYYY') || '-';
  next_number integer;
BEGIN
  SELECT coalesce(max(substring(request_id FROM length(prefix) + 1)::integer), 0) + 1
    INTO next_number
    FROM requests
   WHERE request_id LIKE prefix || '%';
  RETURN prefix || lpad(next_number::text, 5, '0');
END;
$$;

ALTER TABLE requests ALTER COLUMN request_id SET DEFAULT generate_request_id();
ALTER TABLE requests ADD CONSTRAINT requests_request_id_key UNIQUE (request_id);
