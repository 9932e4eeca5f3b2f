-- 004: keep updated_at current on every update, in the database rather than in each query.
-- The audit lists set_updated_at() as a trigger function; the trigger names are our choice
-- (audit silent): <table>_set_updated_at.

CREATE FUNCTION set_updated_at() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END;
$$;

CREATE TRIGGER requests_set_updated_at
  BEFORE UPDATE ON requests
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
