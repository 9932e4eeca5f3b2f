-- Custom SQL migration file, put your code below! --
-- Baseline 1/3: the six functions of production (audit §6), which drizzle-kit cannot express.
-- They come before the tables because requests.request_id defaults to generate_request_id().
-- Bodies are production's, byte for byte (migrations-legacy 002, 003, 004, 006, 009, 017),
-- including the two that still call nextval on sequences dropped in 009: the baseline records
-- production as it is; fixing them is a later, reviewed migration.
CREATE FUNCTION generate_mock_request_id() RETURNS text
LANGUAGE plpgsql
AS $$
BEGIN
  RETURN 'MOCK-' || lpad(nextval('mock_request_id_seq')::text, 6, '0');
END;
$$;
--> statement-breakpoint
CREATE FUNCTION generate_prod_request_id() RETURNS text
LANGUAGE plpgsql
AS $$
BEGIN
  RETURN 'REQ-' || lpad(nextval('prod_request_id_seq')::text, 6, '0');
END;
$$;
--> statement-breakpoint
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
--> statement-breakpoint
CREATE FUNCTION set_updated_at() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION update_canonical_stage_mappings_updated_at() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION validate_contact_jsonb(contact jsonb) RETURNS boolean
LANGUAGE plpgsql
IMMUTABLE
AS $$
BEGIN
  IF contact IS NULL THEN
    RETURN true;
  END IF;
  IF jsonb_typeof(contact) <> 'object' THEN
    RETURN false;
  END IF;
  RETURN coalesce(length(btrim(contact ->> 'name')), 0) > 0
     AND (contact ? 'email' OR contact ? 'phone');
END;
$$;
