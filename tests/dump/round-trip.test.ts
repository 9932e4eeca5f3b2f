import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../harness/catalog/model.js';
import { takeSnapshot } from '../../harness/catalog/snapshot.js';
import { compare } from '../../harness/compare/compare.js';
import { wantsPrivileges, type CompareRules } from '../../harness/compare/types.js';
import { dumpSchemaOnly, findPgDump } from '../../harness/dump/pg-dump.js';
import { sanitizeDump } from '../../harness/dump/sanitize.js';
import { escapeIdentifier } from '../../harness/server/pg.js';
import { restoreDump } from '../../harness/sources/dump.js';
import { EVERY_KIND } from '../support/every-kind.js';
import { folderWith } from '../support/folders.js';
import { ROLES_SQL } from '../support/roles.js';
import { scratchDatabase, testServer, type ScratchDatabase } from '../support/scratch.js';

/**
 * Round trips with the real pg_dump: a schema built in a scratch database, snapshotted, dumped
 * with pg_dump --schema-only, restored by restoreDump into a fresh database and snapshotted
 * again. Nothing pg_dump writes may be refused, and the two snapshots must compare equal —
 * not one difference, cosmetic ones included — with the same objects not compared.
 */

const server = testServer();
const major = server.major;

interface RoundTrip {
  before: Snapshot;
  after: Snapshot;
  raw: string;
}

/** Closes and drops a scratch database, its subscriptions first (they keep a database from being dropped). */
async function dropAll(db: ScratchDatabase): Promise<void> {
  const { rows } = await db.client.query<{ name: string }>('SELECT subname AS name FROM pg_catalog.pg_subscription WHERE subdbid = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())').catch(() => ({ rows: [] as Array<{ name: string }> }));
  for (const { name } of rows) await db.client.query(`DROP SUBSCRIPTION ${escapeIdentifier(name)}`);
  await db.drop();
}

async function roundTrip(label: string, sql: string | readonly string[], options: { keepPrivileges?: boolean; sanitized?: boolean; excludeSchemas?: readonly string[] } = {}): Promise<RoundTrip> {
  const source = await scratchDatabase(`round trip ${label}`);
  try {
    // one statement per query: some (CREATE SUBSCRIPTION, …) refuse an implicit transaction block
    for (const statement of typeof sql === 'string' ? [sql] : sql) await source.client.query(statement);
    const snapshotOptions = { privileges: options.keepPrivileges ?? false, ignore: { schemas: options.excludeSchemas ?? [] } };
    const before = await takeSnapshot(source.client, snapshotOptions);
    const raw = await dumpSchemaOnly(await findPgDump(major), source.url);
    const file = join(folderWith({}), 'dump.sql');
    const { excludeSchemas, keepPrivileges } = options;
    if (options.sanitized) {
      const sanitized = sanitizeDump(raw, { keepPrivileges, excludeSchemas });
      expect(sanitizeDump(sanitized, { keepPrivileges, excludeSchemas })).toBe(sanitized);
      writeFileSync(file, sanitized);
    } else writeFileSync(file, raw);
    const restored = await scratchDatabase(`round trip ${label} restored`);
    try {
      await restoreDump(restored.client, file, { keepPrivileges, excludeSchemas });
      const after = await takeSnapshot(restored.client, snapshotOptions);
      return { before, after, raw };
    } finally {
      await dropAll(restored);
    }
  } finally {
    await dropAll(source);
  }
}

/**
 * No difference at all under `rules`, and the same objects not compared. Without privileges the
 * dump's default privileges are sanitized away (README, "Production": kept only when a privileges
 * or ownership rule is on), so they are missing from the restored side's "not compared" by design.
 */
function expectSame({ before, after }: RoundTrip, rules: Partial<CompareRules> = {}): void {
  const comparison = compare(before, after, rules);
  expect(comparison.differences).toEqual([]);
  const kept = (list: Snapshot['notCompared']) => (wantsPrivileges(rules) ? list : list.filter((o) => o.kind !== 'default privileges'));
  expect(after.notCompared).toEqual(kept(before.notCompared));
  expect(comparison.notCompared.filter((o) => o.in !== 'both' && (wantsPrivileges(rules) || o.kind !== 'default privileges'))).toEqual([]);
}

const ACCESS = { privileges: 'drift', ownership: 'drift' } as const;

/**
 * EVERY_KIND but its language: plsame's handler is plpgsql's (an extension member, never
 * dumped), and pg_dump then writes a parameterless `CREATE OR REPLACE PROCEDURAL LANGUAGE plsame;`,
 * which the server reads as CREATE EXTENSION plsame. pg_dump's own limit: no restore can do better.
 */
const EVERY_DUMPABLE_KIND = Object.entries(EVERY_KIND).filter(([kind]) => kind !== 'language').map(([, sql]) => sql);
/**
 * The same but its subscription: pg_subscription is the cluster's, and a test file that runs
 * meanwhile on an empty database (tests/catalog/only-when.test.ts) sees one anywhere on the
 * server. Round-tripped once, in the first test.
 */
const EVERY_DUMPABLE_KIND_BUT_SUBSCRIPTION = Object.entries(EVERY_KIND).filter(([kind]) => kind !== 'language' && kind !== 'subscription').map(([, sql]) => sql);

describe('pg_dump → restoreDump round trips', () => {
  it('the every-kind schema: nothing refused, no difference, the same objects not compared', async () => {
    const trip = await roundTrip('every kind', EVERY_DUMPABLE_KIND);
    expectSame(trip);
    expect(trip.after.notCompared.map((o) => o.kind)).toEqual(expect.arrayContaining(['shell type', 'subscription', 'user mapping']));
  });

  it("a language whose handler pg_dump does not dump: its owner line is read, and the restore stops where pg_dump's parameterless CREATE LANGUAGE does", async () => {
    const source = await scratchDatabase('round trip language', EVERY_KIND.language);
    try {
      const raw = await dumpSchemaOnly(await findPgDump(major), source.url);
      expect(raw).toMatch(/^CREATE OR REPLACE PROCEDURAL LANGUAGE plsame;$/m);
      expect(sanitizeDump(raw, { keepPrivileges: true })).toMatch(/^ALTER PROCEDURAL LANGUAGE plsame OWNER TO \w+;$/m);
      const file = join(folderWith({}), 'dump.sql');
      writeFileSync(file, raw);
      const restored = await scratchDatabase('round trip language restored');
      try {
        await expect(restoreDump(restored.client, file, { keepPrivileges: true })).rejects.toThrow(/extension "plsame" is not available/);
      } finally {
        await restored.drop();
      }
    } finally {
      await source.drop();
    }
  });

  it('the every-kind schema, sanitized first (as parity dump writes it)', async () => {
    expectSame(await roundTrip('every kind sanitized', EVERY_DUMPABLE_KIND_BUT_SUBSCRIPTION, { sanitized: true }));
  });

  it('the every-kind schema with its owners, grants and default privileges kept, under the privileges and ownership rules', async () => {
    const trip = await roundTrip('every kind privileges', EVERY_DUMPABLE_KIND_BUT_SUBSCRIPTION, { keepPrivileges: true });
    expectSame(trip, ACCESS);
    expect(trip.before.defaultPrivileges?.length).toBeGreaterThan(0);
    expect(trip.before.notCompared.some((o) => o.kind === 'default privileges')).toBe(false);
  });

  it('routines and strings: BEGIN ATOMIC bodies, dollar quotes holding ; and TOC-header-like lines, E strings with backslashes, non-ASCII names and comments, SECURITY DEFINER with SET search_path', async () => {
    const header = String.raw`
--
-- Name: fake; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE fake (x int);

--
-- PostgreSQL database dump complete
--
`;
    const trip = await roundTrip('routines and strings', [
      `CREATE SCHEMA "Ünïcode"`,
      `COMMENT ON SCHEMA "Ünïcode" IS 'schéma — ünïcode ✓ 鍵'`,
      String.raw`CREATE TABLE "Ünïcode"."tâble" ("clé" int PRIMARY KEY, "naïve col" text DEFAULT E'back\\slash\n\ttab;', s text CHECK (s <> E'\\x;') )`,
      `COMMENT ON COLUMN "Ünïcode"."tâble"."clé" IS 'clé primaire — 鍵'`,
      `COMMENT ON TABLE "Ünïcode"."tâble" IS '${header}'`,
      `CREATE FUNCTION public.atomic_add(a int, b int) RETURNS int LANGUAGE sql IMMUTABLE BEGIN ATOMIC SELECT a + b; END`,
      `CREATE PROCEDURE public.atomic_proc(x int) LANGUAGE sql BEGIN ATOMIC INSERT INTO "Ünïcode"."tâble" ("clé") VALUES (x); SELECT '${header}' AS head; SELECT 1; END`,
      `CREATE FUNCTION public.atomic_header() RETURNS text LANGUAGE sql BEGIN ATOMIC SELECT '${header}' AS head; END`,
      `CREATE FUNCTION public.tricky() RETURNS text LANGUAGE plpgsql AS $body$
BEGIN
  -- a comment; with semicolons;
  RETURN $x$${header}$x$ || ';' || $$;$$;
END
$body$`,
      String.raw`CREATE FUNCTION public.esc() RETURNS text LANGUAGE sql AS $$ SELECT E'a\\b\'c;' || 'd''e' || E'\u00e9' $$`,
      String.raw`COMMENT ON FUNCTION public.tricky() IS E'comment with \\ backslash, a ; and $$ and \n-- PostgreSQL database dump complete\n'`,
      `CREATE FUNCTION public.secdef() RETURNS int LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET work_mem = '64MB' AS 'SELECT 1'`,
      `CREATE FUNCTION "Ünïcode"."fünction"("ärg" text DEFAULT 'ä;') RETURNS SETOF text LANGUAGE sql ROWS 5 COST 7 PARALLEL SAFE AS $$ SELECT "ärg" $$`,
      String.raw`CREATE VIEW "Ünïcode"."vüe" AS SELECT "clé", E'\\;--' AS odd, '${header}'::text AS head FROM "Ünïcode"."tâble"`,
    ]);
    expectSame(trip);
    expect(trip.raw).toContain('BEGIN ATOMIC');
    expect(trip.after.functions.find((f) => f.name === 'tricky')?.body.join('\n')).toContain('-- Name: fake; Type: TABLE');
  });

  // PostgreSQL writes `SELECT 'x'` of a BEGIN ATOMIC body as `SELECT 'x'::text`; restored, that
  // text names its column after the cast and is written `SELECT 'x'::text AS text`
  it("BEGIN ATOMIC bodies with an unnamed cast column come back with the cast's name as alias: one cosmetic difference each, saying so, and nothing else", async () => {
    const trip = await roundTrip('atomic aliases', [
      `CREATE TYPE public.mood AS ENUM ('ok')`,
      `CREATE FUNCTION public.atomic_text() RETURNS text LANGUAGE sql BEGIN ATOMIC SELECT 'x'; END`,
      `CREATE FUNCTION public.atomic_two() RETURNS SETOF public.mood LANGUAGE sql BEGIN ATOMIC SELECT 'ok' UNION ALL SELECT 'ok'::public.mood; END`,
      `CREATE FUNCTION public.atomic_named() RETURNS text LANGUAGE sql BEGIN ATOMIC SELECT 'x' AS named; END`,
    ]);
    const comparison = compare(trip.before, trip.after);
    expect(comparison.differences.map((d) => [d.path, d.property, d.severity, d.note])).toEqual([
      ['public.atomic_text()', 'body', 'cosmetic', "differs only in a cast's column alias that a restored pg_dump adds"],
      ['public.atomic_two()', 'body', 'cosmetic', "differs only in a cast's column alias that a restored pg_dump adds"],
    ]);
    expect(trip.after.functions.find((f) => f.name === 'atomic_text')?.body.join('\n')).toContain("'x'::text AS text");
    // and a different alias, or a different value, is drift as ever
    const changed = (name: string, from: string, to: string) => ({ ...trip.after, functions: trip.after.functions.map((f) => (f.name === name ? { ...f, body: f.body.map((line) => line.replace(from, to)) } : f)) });
    const severityOfText = (after: Snapshot) => compare(trip.before, after).differences.filter((d) => d.path === 'public.atomic_text()').map((d) => d.severity);
    expect(severityOfText(changed('atomic_text', 'AS text', 'AS other'))).toEqual(['drift']);
    expect(severityOfText(changed('atomic_text', "'x'", "'y'"))).toEqual(['drift']);
  });

  it('tables: partitions (DEFAULT, nested, indexes and triggers on the parent), inheritance with local constraints, generated columns, exclusion constraints, CLUSTER ON, replica identity, RLS, policies, rules, triggers with WHEN and transition tables, materialized views', async () => {
    expectSame(
      await roundTrip('tables', [
        `CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$`,
        `CREATE TABLE measure (id int NOT NULL, at date NOT NULL, v numeric, total numeric GENERATED ALWAYS AS (v * 2) STORED) PARTITION BY RANGE (at)`,
        `CREATE TABLE measure_2024 PARTITION OF measure FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')`,
        `CREATE TABLE measure_rest PARTITION OF measure DEFAULT`,
        `CREATE INDEX measure_at ON measure (at)`,
        `ALTER TABLE measure ADD CONSTRAINT measure_pkey PRIMARY KEY (id, at)`,
        `CREATE TRIGGER measure_tg AFTER INSERT ON measure FOR EACH ROW EXECUTE FUNCTION audit()`,
        `CREATE TABLE measure_2023 (id int NOT NULL, at date NOT NULL, v numeric, total numeric GENERATED ALWAYS AS (v * 2) STORED)`,
        `CREATE INDEX measure_2023_at_own ON measure_2023 (at)`,
        `ALTER TABLE measure ATTACH PARTITION measure_2023 FOR VALUES FROM ('2023-01-01') TO ('2024-01-01')`,
        `CREATE TABLE measure_ref (id int, at date, FOREIGN KEY (id, at) REFERENCES measure ON DELETE CASCADE)`,
        `CREATE TABLE listp (k text, x int) PARTITION BY LIST (k)`,
        `CREATE TABLE listp_ab PARTITION OF listp FOR VALUES IN ('a', 'b', NULL) PARTITION BY HASH (x)`,
        `CREATE TABLE listp_ab0 PARTITION OF listp_ab FOR VALUES WITH (MODULUS 2, REMAINDER 0)`,
        `CREATE TABLE listp_ab1 PARTITION OF listp_ab FOR VALUES WITH (MODULUS 2, REMAINDER 1)`,
        `CREATE TABLE listp_default PARTITION OF listp DEFAULT`,
        `CREATE TABLE parent (id int, note text, CONSTRAINT parent_id CHECK (id > 0))`,
        `CREATE TABLE child (extra int CHECK (extra < 10), CONSTRAINT parent_id CHECK (id > 0)) INHERITS (parent)`,
        `CREATE TABLE child2 (id int NOT NULL, note text DEFAULT 'x') INHERITS (parent)`,
        `ALTER TABLE child2 ADD CONSTRAINT child2_local CHECK (note <> '') NOT VALID`,
        `CREATE TABLE parent2 (other int)`,
        `CREATE TABLE multi () INHERITS (parent, parent2)`,
        `CREATE TABLE booking (room int, during tsrange, CONSTRAINT no_overlap EXCLUDE USING gist (during WITH &&) WHERE (room > 0) DEFERRABLE INITIALLY DEFERRED)`,
        `CREATE TABLE clustered (id int PRIMARY KEY, v text, w int GENERATED BY DEFAULT AS IDENTITY (START WITH 7 INCREMENT BY 3))`,
        `CREATE INDEX clustered_v ON clustered (v) WITH (fillfactor = 70)`,
        `ALTER TABLE clustered CLUSTER ON clustered_v`,
        `ALTER TABLE clustered REPLICA IDENTITY USING INDEX clustered_pkey`,
        `ALTER TABLE clustered ALTER COLUMN v SET STATISTICS 500, ALTER COLUMN v SET STORAGE MAIN, ALTER COLUMN v SET (n_distinct = -1)`,
        `ALTER TABLE clustered SET (fillfactor = 80, autovacuum_enabled = false, toast.autovacuum_enabled = false)`,
        `CREATE UNLOGGED TABLE scratchpad (x int)`,
        `CREATE TABLE rls (id int, owner text)`,
        `ALTER TABLE rls ENABLE ROW LEVEL SECURITY`,
        `ALTER TABLE rls FORCE ROW LEVEL SECURITY`,
        `ALTER TABLE rls REPLICA IDENTITY FULL`,
        `CREATE POLICY rls_sel ON rls FOR SELECT USING (owner = current_user)`,
        `CREATE POLICY rls_ins ON rls AS RESTRICTIVE FOR INSERT TO PUBLIC WITH CHECK (owner = current_user)`,
        `COMMENT ON POLICY rls_sel ON rls IS 'mine only'`,
        `CREATE RULE rls_log AS ON UPDATE TO rls DO ALSO NOTIFY rls_changed`,
        `CREATE RULE rls_ins_rule AS ON INSERT TO rls WHERE NEW.id < 0 DO INSTEAD NOTHING`,
        `CREATE TRIGGER rls_when AFTER UPDATE ON rls FOR EACH ROW WHEN (OLD.owner IS DISTINCT FROM NEW.owner) EXECUTE FUNCTION audit()`,
        `CREATE TRIGGER rls_trans AFTER INSERT ON rls REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit()`,
        `CREATE CONSTRAINT TRIGGER rls_deferred AFTER INSERT ON rls DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit()`,
        `CREATE TRIGGER rls_off AFTER DELETE ON rls FOR EACH ROW EXECUTE FUNCTION audit()`,
        `ALTER TABLE rls DISABLE TRIGGER rls_off`,
        `CREATE MATERIALIZED VIEW mv AS SELECT id, owner FROM rls WITH NO DATA`,
        `CREATE UNIQUE INDEX mv_id ON mv (id)`,
        `ALTER MATERIALIZED VIEW mv CLUSTER ON mv_id`,
        `CREATE MATERIALIZED VIEW mv_data WITH (fillfactor = 50) AS SELECT 1 AS one`,
        `CREATE VIEW secure_v WITH (security_barrier, check_option = local) AS SELECT id, owner FROM rls WHERE id > 0`,
        `CREATE TYPE typed_t AS (x int, y text)`,
        `CREATE TABLE typed OF typed_t (x WITH OPTIONS NOT NULL)`,
      ]),
    );
  });

  it('types and their machinery: extensions, domains with CHECKs and comments, collations (ICU when the server has it), text search, casts, operators and operator classes', async () => {
    const probe = await scratchDatabase('round trip icu probe');
    const { rows } = await probe.client.query<{ icu: boolean }>(`SELECT EXISTS (SELECT FROM pg_catalog.pg_collation WHERE collprovider = 'i') AS icu`).finally(() => probe.drop());
    const icu = rows[0]!.icu;
    const trip = await roundTrip('types', [
      `CREATE SCHEMA ext`,
      `CREATE EXTENSION pg_trgm WITH SCHEMA ext`,
      `CREATE EXTENSION citext`,
      `CREATE EXTENSION hstore WITH SCHEMA ext`,
      `CREATE EXTENSION btree_gist`,
      `COMMENT ON EXTENSION citext IS 'case-insensitive text, our words'`,
      `CREATE TABLE docs (id int PRIMARY KEY, title citext, attrs ext.hstore, body text, room int, during tsrange, EXCLUDE USING gist (room WITH =, during WITH &&))`,
      `CREATE INDEX docs_title_trgm ON docs USING gin (body ext.gin_trgm_ops)`,
      `CREATE INDEX docs_attrs ON docs USING gist (attrs ext.gist_hstore_ops (siglen = 32))`,
      `CREATE DOMAIN posint AS int NOT NULL DEFAULT 1 CONSTRAINT posint_pos CHECK (VALUE > 0) CONSTRAINT posint_small CHECK (VALUE < 1000)`,
      `COMMENT ON DOMAIN posint IS 'positive, small'`,
      `COMMENT ON CONSTRAINT posint_pos ON DOMAIN posint IS 'must be > 0'`,
      `CREATE DOMAIN email AS citext CHECK (VALUE ~ '@')`,
      `ALTER DOMAIN email ADD CONSTRAINT email_dot CHECK (VALUE ~ '\\.') NOT VALID`,
      `CREATE DOMAIN "dömäin" AS text COLLATE "C" CHECK (VALUE <> '')`,
      `CREATE TABLE people (id posint, mail email, name "dömäin")`,
      `CREATE TYPE mood AS ENUM ('sad', 'ok', 'häppy')`,
      `ALTER TYPE mood ADD VALUE 'meh' BEFORE 'ok'`,
      `CREATE TYPE floatrange AS RANGE (subtype = float8, subtype_diff = float8mi)`,
      `CREATE COLLATION c2 FROM "C"`,
      `CREATE COLLATION posix_coll (locale = 'POSIX')`,
      ...(icu
        ? [
            `CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false)`,
            `CREATE COLLATION de_phone (provider = icu, locale = 'de-u-co-phonebk')`,
            `COMMENT ON COLLATION ci IS 'case-insensitive'`,
            `CREATE TABLE coll_t (a text COLLATE ci, b text COLLATE c2, c text COLLATE "C")`,
          ]
        : [`CREATE TABLE coll_t (b text COLLATE c2, c text COLLATE "C")`]),
      `CREATE TEXT SEARCH DICTIONARY simple_stop (TEMPLATE = pg_catalog.simple, STOPWORDS = english, ACCEPT = false)`,
      `CREATE TEXT SEARCH CONFIGURATION my_ts (COPY = english)`,
      `ALTER TEXT SEARCH CONFIGURATION my_ts ALTER MAPPING FOR asciiword WITH simple_stop, english_stem`,
      `ALTER TEXT SEARCH CONFIGURATION my_ts DROP MAPPING FOR email, url`,
      `COMMENT ON TEXT SEARCH CONFIGURATION my_ts IS 'mine'`,
      `CREATE TYPE money2 AS (units int, cents int)`,
      `CREATE FUNCTION money2_text(money2) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT $1.units || '.' || $1.cents $$`,
      `CREATE CAST (money2 AS text) WITH FUNCTION money2_text(money2) AS ASSIGNMENT`,
      `CREATE CAST (mood AS text) WITH INOUT AS IMPLICIT`,
      `COMMENT ON CAST (money2 AS text) IS 'units.cents'`,
      `CREATE FUNCTION m2_eq(money2, money2) RETURNS bool LANGUAGE sql IMMUTABLE AS 'SELECT $1 = $2'`,
      `CREATE FUNCTION m2_lt(money2, money2) RETURNS bool LANGUAGE sql IMMUTABLE AS 'SELECT $1 < $2'`,
      `CREATE FUNCTION m2_cmp(money2, money2) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT CASE WHEN $1 < $2 THEN -1 WHEN $1 > $2 THEN 1 ELSE 0 END'`,
      `CREATE OPERATOR === (LEFTARG = money2, RIGHTARG = money2, FUNCTION = m2_eq, COMMUTATOR = ===, RESTRICT = eqsel, JOIN = eqjoinsel, MERGES)`,
      `CREATE OPERATOR <<< (LEFTARG = money2, RIGHTARG = money2, FUNCTION = m2_lt, RESTRICT = scalarltsel, JOIN = scalarltjoinsel)`,
      `COMMENT ON OPERATOR === (money2, money2) IS 'same money'`,
      `CREATE OPERATOR FAMILY m2_fam USING btree`,
      `CREATE OPERATOR CLASS m2_ops DEFAULT FOR TYPE money2 USING btree FAMILY m2_fam AS OPERATOR 1 <<<, OPERATOR 3 ===, FUNCTION 1 m2_cmp(money2, money2)`,
      `ALTER OPERATOR FAMILY m2_fam USING btree ADD FUNCTION 2 (money2, money2) btint4sortsupport(internal)`,
      `CREATE TABLE wallet (m money2)`,
      `CREATE INDEX wallet_m ON wallet (m)`,
      `CREATE AGGREGATE concat_all(text) (sfunc = textcat, stype = text, initcond = '', combinefunc = textcat, parallel = safe)`,
    ]);
    expectSame(trip);
    expect(trip.after.extensions.map((e) => e.name)).toEqual(expect.arrayContaining(['btree_gist', 'citext', 'hstore', 'pg_trgm']));
    if (icu) expect(trip.after.collations.some((c) => c.name === 'ci' && c.provider === 'icu')).toBe(true);
  });

  it('foreign data, publications and event triggers', async () => {
    const trip = await roundTrip('foreign', [
      `CREATE EXTENSION postgres_fdw`,
      `CREATE SERVER remote FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'localhost', dbname 'elsewhere', port '5432', fetch_size '500')`,
      `COMMENT ON SERVER remote IS 'the other one'`,
      `CREATE USER MAPPING FOR PUBLIC SERVER remote OPTIONS (user 'reader')`,
      `CREATE FOREIGN TABLE remote_t (id int OPTIONS (column_name 'ident') NOT NULL, v text COLLATE "C" DEFAULT 'x', CONSTRAINT remote_pos CHECK (id > 0)) SERVER remote OPTIONS (schema_name 'public', table_name 't')`,
      `COMMENT ON FOREIGN TABLE remote_t IS 'über'`,
      `COMMENT ON COLUMN remote_t.v IS 'a column of a foreign table'`,
      `CREATE FOREIGN DATA WRAPPER dummy OPTIONS (debug 'true')`,
      `CREATE SERVER dummy_srv TYPE 'kind' VERSION '1.0' FOREIGN DATA WRAPPER dummy OPTIONS (a 'b')`,
      `CREATE TABLE listp (k text, x int) PARTITION BY LIST (k)`,
      `CREATE TABLE listp_a PARTITION OF listp FOR VALUES IN ('a')`,
      `CREATE FOREIGN TABLE listp_c PARTITION OF listp FOR VALUES IN ('c') SERVER dummy_srv`,
      `CREATE TABLE local_parent (id int)`,
      `CREATE FOREIGN TABLE foreign_child () INHERITS (local_parent) SERVER dummy_srv`,
      `CREATE SCHEMA pubs`,
      `CREATE TABLE pubs.a (id int PRIMARY KEY)`,
      `CREATE TABLE pubt (id int PRIMARY KEY, a text, b text)`,
      `CREATE PUBLICATION pub_ops FOR TABLE pubt, listp WITH (publish = 'insert, truncate', publish_via_partition_root = true)`,
      `CREATE PUBLICATION pub_all FOR ALL TABLES WITH (publish = 'insert')`,
      `CREATE PUBLICATION pub_empty`,
      `COMMENT ON PUBLICATION pub_empty IS 'nothing yet'`,
      ...(major >= 15
        ? [
            `CREATE PUBLICATION pub_cols FOR TABLE pubt (id, a) WHERE (id > 0 AND a <> 'x') WITH (publish = 'insert')`,
            `CREATE PUBLICATION pub_schema FOR TABLES IN SCHEMA pubs, TABLE pubt`,
          ]
        : []),
      `CREATE FUNCTION et_fn() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN RAISE NOTICE 'ddl'; END $$`,
      `CREATE EVENT TRIGGER et_tags ON ddl_command_start WHEN TAG IN ('CREATE TABLE', 'DROP TABLE') EXECUTE FUNCTION et_fn()`,
      `ALTER EVENT TRIGGER et_tags DISABLE`,
      `CREATE EVENT TRIGGER et_always ON sql_drop EXECUTE FUNCTION et_fn()`,
      `ALTER EVENT TRIGGER et_always ENABLE ALWAYS`,
      `CREATE EVENT TRIGGER et_replica ON table_rewrite EXECUTE FUNCTION et_fn()`,
      `ALTER EVENT TRIGGER et_replica ENABLE REPLICA`,
      `COMMENT ON EVENT TRIGGER et_always IS 'always'`,
    ]);
    expectSame(trip);
    expect(trip.after.eventTriggers.length).toBe(3);
  });

  it('owners, grants and default privileges, kept: the privileges and ownership rules see no difference', async () => {
    const trip = await roundTrip(
      'privileges',
      [
        ROLES_SQL,
        `CREATE SCHEMA app AUTHORIZATION parity_owner`,
        `GRANT USAGE ON SCHEMA app TO parity_reader, parity_writer`,
        `GRANT CREATE ON SCHEMA app TO parity_writer WITH GRANT OPTION`,
        `GRANT USAGE ON SCHEMA public TO parity_reader`,
        `CREATE TABLE app.t (id int GENERATED ALWAYS AS IDENTITY, secret text, "Spalte ü" text)`,
        `ALTER TABLE app.t OWNER TO parity_owner`,
        `GRANT SELECT, INSERT ON app.t TO parity_writer WITH GRANT OPTION`,
        `GRANT SELECT (id, "Spalte ü"), UPDATE ("Spalte ü") ON app.t TO parity_reader`,
        `REVOKE TRUNCATE ON app.t FROM parity_owner`,
        `SET ROLE parity_writer; GRANT SELECT ON app.t TO parity_host_admin; RESET ROLE`,
        `CREATE SEQUENCE app.seq OWNED BY app.t.id`.replace('OWNED BY app.t.id', ''),
        `ALTER SEQUENCE app.seq OWNER TO parity_writer`,
        `GRANT USAGE ON SEQUENCE app.seq TO parity_reader`,
        `CREATE VIEW app.v AS SELECT id FROM app.t`,
        `ALTER VIEW app.v OWNER TO parity_writer`,
        `GRANT SELECT ON app.v TO PUBLIC`,
        `CREATE MATERIALIZED VIEW app.mv AS SELECT id FROM app.t WITH NO DATA`,
        `ALTER MATERIALIZED VIEW app.mv OWNER TO parity_owner`,
        `GRANT SELECT ON app.mv TO parity_reader`,
        `CREATE FUNCTION app.f() RETURNS int LANGUAGE sql AS 'SELECT 1'`,
        `ALTER FUNCTION app.f() OWNER TO parity_owner`,
        `REVOKE EXECUTE ON FUNCTION app.f() FROM PUBLIC`,
        `GRANT EXECUTE ON FUNCTION app.f() TO parity_reader`,
        `CREATE PROCEDURE app.p() LANGUAGE sql AS 'SELECT 1'`,
        `GRANT EXECUTE ON PROCEDURE app.p() TO parity_writer`,
        `CREATE TYPE app.mood AS ENUM ('a', 'b')`,
        `ALTER TYPE app.mood OWNER TO parity_owner`,
        `REVOKE USAGE ON TYPE app.mood FROM PUBLIC`,
        `GRANT USAGE ON TYPE app.mood TO parity_reader`,
        `CREATE DOMAIN app.d AS int CHECK (VALUE > 0)`,
        `GRANT USAGE ON DOMAIN app.d TO parity_writer`,
        `CREATE TABLE public.plain (id int)`,
        `ALTER TABLE public.plain OWNER TO parity_writer`,
        `ALTER DEFAULT PRIVILEGES FOR ROLE parity_owner IN SCHEMA app GRANT SELECT ON TABLES TO parity_reader`,
        `ALTER DEFAULT PRIVILEGES FOR ROLE parity_owner REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC`,
        `ALTER DEFAULT PRIVILEGES FOR ROLE parity_owner GRANT EXECUTE ON FUNCTIONS TO parity_reader`,
        `ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT USAGE ON SEQUENCES TO parity_writer`,
        `ALTER DEFAULT PRIVILEGES GRANT USAGE ON TYPES TO parity_reader`,
        `ALTER DEFAULT PRIVILEGES FOR ROLE parity_writer GRANT ALL ON SCHEMAS TO parity_owner`,
        `CREATE FOREIGN DATA WRAPPER fdw`,
        `GRANT USAGE ON FOREIGN DATA WRAPPER fdw TO parity_owner WITH GRANT OPTION`,
        `CREATE SERVER srv FOREIGN DATA WRAPPER fdw`,
        `ALTER SERVER srv OWNER TO parity_owner`,
        `GRANT USAGE ON FOREIGN SERVER srv TO parity_reader`,
        `CREATE SERVER srv2 FOREIGN DATA WRAPPER fdw`,
        `CREATE FOREIGN TABLE app.ft (x int) SERVER srv`,
        `ALTER FOREIGN TABLE app.ft OWNER TO parity_owner`,
        `GRANT SELECT ON app.ft TO parity_reader`,
        `CREATE PUBLICATION pub FOR TABLE app.t`,
        `ALTER PUBLICATION pub OWNER TO parity_owner`,
        `CREATE FUNCTION app.et() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN NULL; END $$`,
        `CREATE EVENT TRIGGER evt ON ddl_command_end EXECUTE FUNCTION app.et()`,
      ].flatMap((q) => (q.startsWith('SET ROLE') ? q.split('; ') : [q])),
      { keepPrivileges: true },
    );
    expectSame(trip, ACCESS);
    expect(trip.after.owners?.find((o) => o.object === 'srv')?.owner).toBe('parity_owner');
    expect(trip.after.grants?.some((g) => g.grantee === 'parity_restorer')).toBe(false);
    expect(trip.after.owners?.some((o) => o.owner === 'parity_restorer')).toBe(false);
  });

  it('owners, grants and default privileges, kept, sanitized first (as parity dump writes them)', async () => {
    expectSame(
      await roundTrip('privileges sanitized', [ROLES_SQL, `CREATE SCHEMA app AUTHORIZATION parity_owner`, `CREATE TABLE app.t (id int)`, `ALTER TABLE app.t OWNER TO parity_owner`, `GRANT SELECT (id) ON app.t TO parity_reader`, `ALTER DEFAULT PRIVILEGES FOR ROLE parity_owner IN SCHEMA app GRANT SELECT ON TABLES TO parity_reader`, `CREATE FOREIGN DATA WRAPPER fdw`, `CREATE SERVER srv FOREIGN DATA WRAPPER fdw`, `ALTER SERVER srv OWNER TO parity_owner`], {
        keepPrivileges: true,
        sanitized: true,
      }),
      ACCESS,
    );
  });

  // a table with another access method in a schema the restore leaves out: pg_dump's SET back to
  // heap for the next table is in that table's entry
  const STRUCTURE = [
        `CREATE SCHEMA extensions`,
        `CREATE TABLE extensions.zz (x int) USING heap2`,

        `CREATE TABLE uses_heap2 (x int) USING heap2`,
        `CREATE MATERIALIZED VIEW mv_heap2 USING heap2 AS SELECT 1 AS one WITH NO DATA`,
        `CREATE TABLE "x; Type: VIEW; Schema: y; Owner: z" (id serial PRIMARY KEY, "--" text, "a;b" int)`,
        `CREATE TABLE "line
break" ("col
umn" int)`,
        `COMMENT ON TABLE "x; Type: VIEW; Schema: y; Owner: z" IS '--
-- Name: t; Type: TABLE; Schema: public; Owner: postgres
--'`,
        `CREATE FUNCTION meta() RETURNS text LANGUAGE sql AS $$
SELECT '
\\unrestrict schemaparity
\\connect other
'
$$`,
        `CREATE VIEW v1 AS SELECT 1 AS a`,
        `CREATE FUNCTION f_v1() RETURNS int LANGUAGE sql STABLE BEGIN ATOMIC SELECT a FROM v1; END`,
        `CREATE OR REPLACE VIEW v1 AS SELECT 1 AS a, f_v1() AS b`,
        `CREATE TABLE cyc (id int, n int)`,
        `CREATE FUNCTION cyc_count() RETURNS bigint LANGUAGE sql STABLE BEGIN ATOMIC SELECT count(*) FROM public.cyc; END`,
        `ALTER TABLE cyc ADD CONSTRAINT cyc_small CHECK (public.cyc_count() < 1000) NOT VALID`,
        `ALTER TABLE cyc ALTER COLUMN n SET DEFAULT public.cyc_count()`,
        `CREATE FUNCTION twice(int) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN $1 * 2`,
        `CREATE TABLE calc (x int, y int GENERATED ALWAYS AS (public.twice(x)) STORED, CHECK (public.twice(x) < 100))`,
        `CREATE INDEX calc_twice ON calc (public.twice(x)) WHERE public.twice(y) > 0`,
        `ALTER INDEX calc_twice ALTER COLUMN 1 SET STATISTICS 300`,
        `CREATE STATISTICS calc_stats (ndistinct, dependencies) ON x, y FROM calc`,
        `ALTER STATISTICS calc_stats SET STATISTICS 400`,
        ...(major >= 14 ? [`CREATE STATISTICS calc_expr ON (x + y), x FROM calc`] : []),
        `CREATE VIEW v_default AS SELECT x FROM calc`,
        `ALTER VIEW v_default ALTER COLUMN x SET DEFAULT 7`,
        `COMMENT ON COLUMN v_default.x IS 'a view column'`,
        `COMMENT ON INDEX calc_twice IS 'index'`,
        `COMMENT ON CONSTRAINT cyc_small ON cyc IS 'constraint'`,
        `CREATE VIEW rv AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT n FROM r`,
        `CREATE RECURSIVE VIEW rv2 (n) AS SELECT 1 UNION ALL SELECT n + 1 FROM rv2 WHERE n < 3`,
        `CREATE SEQUENCE odd_seq AS smallint INCREMENT BY -2 MINVALUE -100 MAXVALUE 50 START WITH 41 CACHE 5 CYCLE`,
        `CREATE UNLOGGED SEQUENCE unlogged_seq`.replace('UNLOGGED ', major >= 15 ? 'UNLOGGED ' : ''),
  ];

  it('what pg_dump writes apart from CREATE: access-method settings, dummy views for cycles, split-out defaults and constraints, index and statistics targets, names that look like headers', async () => {
    const trip = await roundTrip('structure', [`CREATE ACCESS METHOD heap2 TYPE TABLE HANDLER heap_tableam_handler`, ...STRUCTURE], { excludeSchemas: ['extensions'] });
    expectSame(trip);
    expect(trip.raw).toMatch(/^SET default_table_access_method = heap2;$/m);
    expect(trip.after.tables.find((t) => t.name === 'uses_heap2')?.accessMethod).toBe('heap2');
  });

  it('the same, sanitized first: the access method each table is made with is in the file', async () => {
    expectSame(await roundTrip('structure sanitized', [`CREATE ACCESS METHOD heap2 TYPE TABLE HANDLER heap_tableam_handler`, ...STRUCTURE], { sanitized: true, excludeSchemas: ['extensions'] }));
  });
});
