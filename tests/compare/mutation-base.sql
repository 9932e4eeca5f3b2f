-- Added to the legacy build before the mutation suite runs, so that every object kind the
-- comparison knows has something to mutate (production has no views, policies, sequences…).
CREATE EXTENSION pg_trgm;
CREATE SCHEMA reporting;
CREATE TYPE public.priority AS ENUM ('low', 'normal', 'high');
CREATE DOMAIN public.email_address AS text CONSTRAINT email_has_at CHECK (VALUE LIKE '%@%');
CREATE SEQUENCE public.invoice_number_seq AS bigint START 1000;

CREATE FUNCTION public.normalize_email(address text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT lower(trim(address)) $$;

CREATE TABLE public.notes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  author text NOT NULL,
  body text,
  data jsonb,
  kind text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz
);
CREATE INDEX notes_data_gin ON public.notes USING gin (data);
CREATE INDEX notes_author_created ON public.notes (author, created_at) WHERE kind IS NOT NULL;
CREATE FUNCTION public.notes_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END $$;
CREATE TRIGGER notes_touch BEFORE UPDATE ON public.notes
  FOR EACH ROW WHEN (OLD.body IS DISTINCT FROM NEW.body) EXECUTE FUNCTION public.notes_touch();
ALTER TABLE public.notes ENABLE ROW LEVEL SECURITY;
CREATE POLICY notes_own ON public.notes FOR ALL USING (author = current_user);

CREATE VIEW reporting.active_requests AS
  SELECT id, status FROM public.requests WHERE status <> 'draft';
CREATE MATERIALIZED VIEW reporting.note_counts AS
  SELECT author, count(*) AS n FROM public.notes GROUP BY author;
