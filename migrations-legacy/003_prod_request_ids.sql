-- 003: human-readable ids for real requests (REQ-000001), from their own sequence.
-- The audit: generate_prod_request_id() uses prod_request_id_seq; the sequence is gone in
-- production (dropped in 009), the function stayed.

CREATE SEQUENCE prod_request_id_seq;

CREATE FUNCTION generate_prod_request_id() RETURNS text
LANGUAGE plpgsql
AS $$
BEGIN
  RETURN 'REQ-' || lpad(nextval('prod_request_id_seq')::text, 6, '0');
END;
$$;

ALTER TABLE requests ALTER COLUMN request_id SET DEFAULT generate_prod_request_id();
