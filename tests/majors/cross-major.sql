-- Added to the legacy build and mutation-base.sql for the cross-major test: objects whose
-- deparsed text could differ between PostgreSQL 14 and 18 (views above all, NOT NULL, defaults,
-- index and constraint definitions, identity, generated and partitioned tables, domains).
CREATE DOMAIN public.positive_int AS integer NOT NULL CHECK (VALUE > 0);
CREATE DOMAIN public.short_code AS varchar(8) DEFAULT 'x'::character varying;
CREATE TABLE public.things (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code varchar(8) NOT NULL DEFAULT 'abc'::character varying,
  amount numeric(10,2) DEFAULT 0.00 CHECK (amount >= 0::numeric),
  price integer CONSTRAINT price_nn NOT NULL,
  tags text[] DEFAULT '{}'::text[] NOT NULL,
  at timestamptz DEFAULT (now() AT TIME ZONE 'utc'),
  created date DEFAULT CURRENT_DATE,
  ts timestamp(3) DEFAULT LOCALTIMESTAMP(3),
  who name DEFAULT CURRENT_USER,
  total numeric GENERATED ALWAYS AS (amount * 2) STORED,
  parent bigint REFERENCES public.things(id) ON DELETE SET NULL,
  pos public.positive_int,
  period tstzrange,
  CONSTRAINT things_code_check CHECK (code::text ~ '^[a-z]+$'),
  CONSTRAINT things_code_len CHECK (char_length(code) BETWEEN 1 AND 8) NOT VALID
);
CREATE UNIQUE INDEX things_code_lower ON public.things (lower(code)) INCLUDE (amount);
CREATE INDEX things_tags ON public.things USING gin (tags);
CREATE INDEX things_at_desc ON public.things (at DESC NULLS LAST, code COLLATE "C" text_pattern_ops);
CREATE INDEX things_partial ON public.things (amount) WHERE amount > 10::numeric AND code::text <> ALL (ARRAY['a','b']);
CREATE TABLE public.child_things (extra text) INHERITS (public.things);
CREATE TABLE public.measurements (city int NOT NULL, logdate date NOT NULL, peak int) PARTITION BY RANGE (logdate);
CREATE TABLE public.measurements_2024 PARTITION OF public.measurements FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
ALTER TABLE public.measurements ADD PRIMARY KEY (city, logdate);
CREATE VIEW public.things_view AS
  SELECT t.id, t.code, coalesce(t.amount, 0) AS amount, CASE WHEN t.amount > 5 THEN 'big' ELSE 'small' END AS size,
         (SELECT count(*) FROM public.things x WHERE x.parent = t.id) AS children,
         t.at::date AS day, t.tags[1] AS first_tag, EXTRACT(year FROM t.created) AS yr,
         t.code IS NOT DISTINCT FROM 'a' AS is_a, t.amount BETWEEN 1 AND 2 AS small,
         substring(t.code from 1 for 2) AS prefix, trim(both ' ' from t.code) AS trimmed,
         t.at AT TIME ZONE 'utc' AS at_utc, json_build_object('id', t.id) AS j,
         row_number() OVER (PARTITION BY t.parent ORDER BY t.id) AS rn
  FROM public.things t LEFT JOIN public.things p ON p.id = t.parent
  WHERE t.code LIKE 'a%' AND t.id IN (1,2,3)
  ORDER BY t.id;
CREATE VIEW public.things_union AS SELECT id FROM public.things UNION ALL SELECT id FROM public.child_things;
CREATE FUNCTION public.add_one(i integer DEFAULT 1) RETURNS integer LANGUAGE sql IMMUTABLE RETURN i + 1;
CREATE FUNCTION public.sql_body(i integer) RETURNS integer LANGUAGE sql BEGIN ATOMIC SELECT i * 2; END;
CREATE TABLE public.ex (r int4range, EXCLUDE USING gist (r WITH &&));
CREATE TABLE public.uq (a int, b int, CONSTRAINT uq_ab UNIQUE (a, b), CONSTRAINT uq_b UNIQUE (b) DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE public.fk (a int, b int, FOREIGN KEY (a, b) REFERENCES public.uq (a, b) MATCH FULL ON UPDATE CASCADE);
CREATE POLICY things_pol ON public.things AS RESTRICTIVE FOR SELECT TO public USING (amount > 0::numeric AND code = ANY (ARRAY['a'::varchar, 'b'::varchar]));
CREATE TRIGGER things_trg AFTER INSERT ON public.things REFERENCING NEW TABLE AS newrows FOR EACH STATEMENT EXECUTE FUNCTION public.notes_touch();
CREATE TABLE public."Odd Table" ("Id" int, code text, n int);
CREATE VIEW public.v_plain AS SELECT id, status FROM public.requests WHERE status <> 'draft';
CREATE VIEW public.v_alias AS SELECT r.id, upper(r.status::text) AS s FROM public.requests r WHERE r.status::text LIKE 'requests.%' ORDER BY r.id;
CREATE VIEW public.v_odd AS SELECT "Id", code || 'x' AS c FROM public."Odd Table" WHERE n > 1 GROUP BY "Id", code;
CREATE VIEW public.v_join AS SELECT a.id FROM public.requests a JOIN public.requests b ON a.id = b.id;
CREATE VIEW public.v_star AS SELECT * FROM public."Odd Table";
CREATE MATERIALIZED VIEW public.mv_alias AS SELECT t.code, sum(t.amount) AS total FROM public.things t GROUP BY t.code;
-- a one-relation view whose relation is named like a schema it also calls into and casts to:
-- only the column qualifier may go
CREATE TYPE reporting.level AS ENUM ('low', 'high');
CREATE FUNCTION reporting.label(k text) RETURNS text LANGUAGE sql IMMUTABLE RETURN upper(k);
CREATE TABLE public.reporting (id int, kind text);
CREATE VIEW public.v_reporting AS SELECT id, reporting.label(kind) AS label, 'low'::reporting.level AS lvl FROM public.reporting;
