-- 005: site visits that salespeople book at mines.
-- The audit names the three check constraints (check_salesperson_valid, check_purpose_valid,
-- check_availability_valid) but not their expressions; the value lists are our choice (audit
-- silent). updated_at starts with DEFAULT now(); 015 drops that default.

CREATE TABLE site_visits (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  visit_date date NOT NULL,
  salesperson text NOT NULL,
  mine_group text,
  mine_name text,
  purpose text NOT NULL,
  availability text NOT NULL DEFAULT 'confirmed',
  notes text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz DEFAULT now(),
  CONSTRAINT check_salesperson_valid CHECK (length(btrim(salesperson)) > 0),
  CONSTRAINT check_purpose_valid CHECK (purpose IN ('introduction', 'demo', 'quote_follow_up', 'support', 'other')),
  CONSTRAINT check_availability_valid CHECK (availability IN ('confirmed', 'tentative', 'cancelled'))
);

CREATE TRIGGER site_visits_set_updated_at
  BEFORE UPDATE ON site_visits
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
