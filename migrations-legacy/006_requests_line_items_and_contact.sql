-- 006: requests carry their line items and a contact as JSON documents.
-- The audit lists validate_contact_jsonb() as "JSONB validation" and exactly four business check
-- constraints, none on contact: so the app calls the function before it saves a contact (our
-- reading; what it checks is our choice, audit silent): an object with a non-empty name and at
-- least an email or a phone.

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

ALTER TABLE requests
  ADD COLUMN line_items jsonb NOT NULL DEFAULT '[]'::jsonb,
  ADD COLUMN contact jsonb;
