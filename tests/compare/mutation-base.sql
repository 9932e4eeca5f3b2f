-- Lines ending in `-- pg>=N` / `-- pg<N` are kept only on those majors (as in the catalog queries):
-- publications' column lists, row filters and schemas are PostgreSQL 15+.
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

-- The kinds beyond tables: replica identity, a rule, extended statistics, a publication, types,
-- a collation and an event trigger.
CREATE TABLE public.audit_log (
  id bigint PRIMARY KEY,
  actor text NOT NULL,
  action text,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE public.audit_archive (LIKE public.audit_log INCLUDING ALL);
ALTER TABLE public.audit_log ADD CONSTRAINT audit_log_actor_action_key UNIQUE (actor, action);
CREATE RULE audit_log_keep AS ON DELETE TO public.audit_log WHERE OLD.actor = 'system' DO INSTEAD NOTHING;
CREATE STATISTICS public.audit_log_actor_action (dependencies) ON actor, action FROM public.audit_log;
CREATE PUBLICATION audit_pub FOR TABLE public.audit_log (id, actor, action) WHERE (action IS NOT NULL) WITH (publish = 'insert'); -- pg>=15
CREATE PUBLICATION audit_pub FOR TABLE public.audit_log WITH (publish = 'insert'); -- pg<15
CREATE SCHEMA archive_ro;
CREATE PUBLICATION reporting_pub FOR TABLES IN SCHEMA reporting; -- pg>=15
CREATE PUBLICATION reporting_pub; -- pg<15
CREATE TYPE public.money_amount AS (amount numeric(12,2), currency text);
CREATE TYPE public.float_range AS RANGE (subtype = float8, subtype_diff = float8mi);
CREATE COLLATION public.ordinal (provider = libc, locale = 'C');
CREATE FUNCTION public.ddl_noop() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN NULL; END $$;
CREATE EVENT TRIGGER ddl_noop ON ddl_command_end WHEN TAG IN ('CREATE TABLE', 'ALTER TABLE') EXECUTE FUNCTION public.ddl_noop();

-- Aggregates, operators, casts, operator classes, text search, foreign data.
CREATE AGGREGATE public.total(int) (sfunc = int4pl, stype = int, initcond = '0');
CREATE OPERATOR public.=== (leftarg = int, rightarg = int, function = int4eq, commutator = ===);
CREATE CAST (public.money_amount AS text) WITH INOUT;
CREATE OPERATOR CLASS public.int_hash_ops FOR TYPE int USING hash AS OPERATOR 1 = , FUNCTION 1 hashint4(int);
CREATE TEXT SEARCH DICTIONARY public.simple_en (TEMPLATE = simple, STOPWORDS = english);
CREATE TEXT SEARCH CONFIGURATION public.notes_search (PARSER = default);
ALTER TEXT SEARCH CONFIGURATION public.notes_search ADD MAPPING FOR word, asciiword WITH public.simple_en;
CREATE FOREIGN DATA WRAPPER archive_fdw;
CREATE SERVER archive_server FOREIGN DATA WRAPPER archive_fdw OPTIONS (host 'archive.internal');
CREATE FOREIGN TABLE public.archived_notes (id uuid NOT NULL, body text) SERVER archive_server OPTIONS (table_name 'notes');
CREATE CONVERSION public.latin1_to_utf8 FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8;
