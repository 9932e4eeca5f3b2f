import { describe, expect, it } from 'vitest';
import { compare } from '../../harness/compare/compare.js';
import { textReport } from '../../harness/compare/report-text.js';
import { fails, type CompareRules } from '../../harness/compare/types.js';
import { snapshotOf } from '../support/catalog.js';
import { ROLES_SQL } from '../support/roles.js';
import { testServer } from '../support/scratch.js';

interface Equivalence {
  name: string;
  a: string;
  b: string;
  /** Rules under which the two are declared equal; none when Postgres stores them the same. */
  rules?: Partial<CompareRules>;
  /** The first major that has what it uses (publication column lists: 15). */
  minMajor?: number;
  /** Taken with privileges and compared with the privileges and ownership rules at drift. */
  privileges?: true;
}

const MAJOR = testServer().major;
const ACCESS = { privileges: 'drift', ownership: 'drift' } as const;
const F = "CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql AS 'SELECT x';";

/** Schemas written differently that must compare equal (and, without rules, are stored equal). */
const equivalences: Equivalence[] = [
  { name: 'type aliases: int/int4/integer, varchar/character varying, timestamptz', a: 'CREATE TABLE t (a int, b varchar(20), c timestamptz, d bool, e float8)', b: 'CREATE TABLE t (a int4, b character varying(20), c timestamp with time zone, d boolean, e double precision)' },
  { name: 'array spellings: text[], text ARRAY, text[][]', a: 'CREATE TABLE t (a text[], b int[])', b: 'CREATE TABLE t (a text ARRAY, b int[][])' },
  { name: 'numeric(10) is numeric(10,0)', a: 'CREATE TABLE t (a numeric(10))', b: 'CREATE TABLE t (a numeric(10,0))' },
  { name: 'inline primary key vs table constraint with the default name', a: 'CREATE TABLE t (id int PRIMARY KEY, n text)', b: 'CREATE TABLE t (id int NOT NULL, n text, CONSTRAINT t_pkey PRIMARY KEY (id))' },
  { name: 'constraint declared in CREATE TABLE vs added by ALTER TABLE', a: 'CREATE TABLE t (qty int CONSTRAINT qty_positive CHECK (qty > 0))', b: 'CREATE TABLE t (qty int); ALTER TABLE t ADD CONSTRAINT qty_positive CHECK (qty>0)' },
  { name: 'check expression spacing and parentheses', a: 'CREATE TABLE t (a int, CONSTRAINT c CHECK (a > 0 AND a < 10))', b: 'CREATE TABLE t (a int, CONSTRAINT c CHECK ( ((a) > 0) and (a < 10) ))' },
  { name: 'foreign key to the implicit primary key, default actions spelled out', a: 'CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (p_id int REFERENCES p)', b: 'CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (p_id int, CONSTRAINT c_p_id_fkey FOREIGN KEY (p_id) REFERENCES p (id) ON DELETE NO ACTION ON UPDATE NO ACTION NOT DEFERRABLE)' },
  { name: 'serial vs an owned integer sequence and nextval default', a: 'CREATE TABLE t (id serial)', b: "CREATE SEQUENCE t_id_seq AS integer; CREATE TABLE t (id integer NOT NULL DEFAULT nextval('t_id_seq')); ALTER SEQUENCE t_id_seq OWNED BY t.id" },
  { name: 'columns added over time (with a dropped one) vs declared at once', a: 'CREATE TABLE t (a int, gone int); ALTER TABLE t ADD COLUMN b text; ALTER TABLE t DROP COLUMN gone', b: 'CREATE TABLE t (a int, b text)' },
  { name: 'enum created whole vs grown by ADD VALUE', a: "CREATE TYPE s AS ENUM ('draft', 'submitted', 'approved')", b: "CREATE TYPE s AS ENUM ('draft'); ALTER TYPE s ADD VALUE 'submitted'; ALTER TYPE s ADD VALUE 'approved'" },
  { name: 'enum default with and without cast; boolean default as string', a: "CREATE TYPE s AS ENUM ('a'); CREATE TABLE t (x s DEFAULT 'a', y boolean DEFAULT true)", b: "CREATE TYPE s AS ENUM ('a'); CREATE TABLE t (x s DEFAULT 'a'::s, y boolean DEFAULT 'true')" },
  { name: 'index with explicit USING btree and ASC', a: 'CREATE TABLE t (a int, b text); CREATE INDEX t_a_b ON t (a, b)', b: 'CREATE TABLE t (a int, b text); CREATE INDEX t_a_b ON t USING btree (a ASC, b ASC NULLS LAST)' },
  { name: 'trigger with EXECUTE PROCEDURE vs EXECUTE FUNCTION', a: 'CREATE TABLE t (a int); CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$; CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE PROCEDURE f()', b: 'CREATE TABLE t (a int); CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$; CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f()' },
  { name: 'schema-qualified names vs names found through search_path', a: 'CREATE TABLE public.t (a int); CREATE INDEX t_a ON public.t (a)', b: 'SET search_path = public; CREATE TABLE t (a int); CREATE INDEX t_a ON t (a)' },
  { name: 'view text written differently that the server deparses the same', a: 'CREATE TABLE t (id int, n text); CREATE VIEW v AS SELECT id, n FROM t WHERE id > 1', b: 'CREATE TABLE t (id int, n text); create view v as select t.id, t.n from public.t where (t.id > 1)' },
  { name: 'function attributes left at their defaults vs spelled out', a: "CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql AS 'SELECT x'", b: "CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql VOLATILE CALLED ON NULL INPUT SECURITY INVOKER PARALLEL UNSAFE COST 100 AS 'SELECT x'" },
  { name: 'rules: function bodies that differ in whitespace and comments', a: 'CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$BEGIN RETURN 1; END$$', b: "CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$\nBEGIN\n  -- one, as documented\n  RETURN  1; /* always */\nEND\n$$", rules: { bodyWhitespaceAndComments: 'ignore' } },
  { name: 'publication: tables listed in another order', a: 'CREATE TABLE x (id int); CREATE TABLE y (id int); CREATE PUBLICATION p FOR TABLE x, y', b: 'CREATE TABLE x (id int); CREATE TABLE y (id int); CREATE PUBLICATION p FOR TABLE y, x' },
  { name: 'publication: ALTER PUBLICATION … SET to the same list', a: 'CREATE TABLE x (id int); CREATE TABLE y (id int); CREATE PUBLICATION p FOR TABLE x, y', b: 'CREATE TABLE x (id int); CREATE TABLE y (id int); CREATE PUBLICATION p FOR TABLE x; ALTER PUBLICATION p SET TABLE y, x' },
  { name: 'publication: tables added one by one vs listed at once', a: 'CREATE TABLE x (id int); CREATE TABLE y (id int); CREATE PUBLICATION p FOR TABLE x, y', b: 'CREATE TABLE x (id int); CREATE TABLE y (id int); CREATE PUBLICATION p; ALTER PUBLICATION p ADD TABLE y; ALTER PUBLICATION p ADD TABLE x' },
  { minMajor: 15, name: 'publication: publish operations and columns in another order', a: "CREATE TABLE x (id int, a text, b text); CREATE PUBLICATION p FOR TABLE x (a, b) WITH (publish = 'insert, update')", b: "CREATE TABLE x (id int, a text, b text); CREATE PUBLICATION p FOR TABLE x (b, a) WITH (publish = 'update,insert')" },
  { name: 'publication: the default options spelled out', a: 'CREATE TABLE x (id int); CREATE PUBLICATION p FOR TABLE x', b: "CREATE TABLE x (id int); CREATE PUBLICATION p FOR TABLE ONLY x WITH (publish = 'insert, update, delete, truncate', publish_via_partition_root = false)" },
  { name: 'composite type created in one statement vs built with ALTER TYPE ADD ATTRIBUTE (and a dropped one)', a: 'CREATE TYPE money_amount AS (amount numeric(12,2), currency text)', b: 'CREATE TYPE money_amount AS (amount numeric(12,2), gone int); ALTER TYPE money_amount ADD ATTRIBUTE currency text; ALTER TYPE money_amount DROP ATTRIBUTE gone' },
  { name: 'event trigger tags in another order, and enabled explicitly', a: "CREATE FUNCTION f() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN NULL; END $$; CREATE EVENT TRIGGER e ON ddl_command_end WHEN TAG IN ('CREATE TABLE', 'DROP TABLE') EXECUTE FUNCTION f()", b: "CREATE FUNCTION f() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN NULL; END $$; CREATE EVENT TRIGGER e ON ddl_command_end WHEN TAG IN ('drop table', 'create table') EXECUTE PROCEDURE f(); ALTER EVENT TRIGGER e ENABLE" },
  { name: 'replica identity: DEFAULT set explicitly, FULL set twice', a: 'CREATE TABLE x (id int PRIMARY KEY); CREATE TABLE y (id int); ALTER TABLE y REPLICA IDENTITY FULL', b: 'CREATE TABLE x (id int PRIMARY KEY); ALTER TABLE x REPLICA IDENTITY FULL; ALTER TABLE x REPLICA IDENTITY DEFAULT; CREATE TABLE y (id int); ALTER TABLE y REPLICA IDENTITY FULL; ALTER TABLE y REPLICA IDENTITY FULL' },
  { name: 'rule: replaced until it is the same', a: "CREATE TABLE x (id int, k text); CREATE RULE keep AS ON DELETE TO x WHERE OLD.k = 'pinned' DO INSTEAD NOTHING", b: "CREATE TABLE x (id int, k text); CREATE RULE keep AS ON DELETE TO x DO INSTEAD NOTHING; CREATE OR REPLACE RULE keep AS ON DELETE TO public.x WHERE (old.k = 'pinned'::text) DO INSTEAD NOTHING" },
  { name: 'extended statistics: every kind listed vs none (the default is all)', a: 'CREATE TABLE x (a int, b int); CREATE STATISTICS s ON a, b FROM x', b: 'CREATE TABLE x (a int, b int); CREATE STATISTICS s (ndistinct, dependencies, mcv) ON a, b FROM x' },
  { name: 'range type: the default operator class named', a: 'CREATE TYPE r AS RANGE (subtype = int8)', b: 'CREATE TYPE r AS RANGE (subtype = bigint, subtype_opclass = int8_ops)' },
  { name: "collation: locale vs lc_collate and lc_ctype", a: "CREATE COLLATION c1 (provider = libc, locale = 'C')", b: "CREATE COLLATION c1 (lc_collate = 'C', lc_ctype = 'C')" },
  { name: 'aggregate: the old basetype syntax vs the argument list', a: "CREATE AGGREGATE total(int) (sfunc = int4pl, stype = int, initcond = '0')", b: "CREATE AGGREGATE total (basetype = integer, sfunc = int4pl, stype = int4, initcond = 0)" },
  { name: 'operator: procedure = vs function =, an estimator set by CREATE vs by ALTER', a: 'CREATE OPERATOR === (leftarg = int, rightarg = int, function = int4eq, commutator = ===, restrict = eqsel)', b: 'CREATE OPERATOR === (leftarg = integer, rightarg = int4, procedure = int4eq, commutator = ===); ALTER OPERATOR ===(int, int) SET (restrict = eqsel)' },
  { name: 'foreign table and server options in another order', a: "CREATE FOREIGN DATA WRAPPER w; CREATE SERVER s FOREIGN DATA WRAPPER w OPTIONS (host 'h', port '1'); CREATE FOREIGN TABLE ft (a int) SERVER s OPTIONS (schema_name 'x', table_name 't')", b: "CREATE FOREIGN DATA WRAPPER w; CREATE SERVER s FOREIGN DATA WRAPPER w OPTIONS (port '1', host 'h'); CREATE FOREIGN TABLE ft (a int) SERVER s OPTIONS (table_name 't', schema_name 'x')" },
  { name: 'rules: the same columns in another order', a: 'CREATE TABLE t (a int, b text, c date)', b: 'CREATE TABLE t (a int, c date, b text)', rules: { columnOrder: 'ignore' } },
  { name: 'rules: a unique constraint vs a unique index of the same name', a: 'CREATE TABLE t (code text CONSTRAINT t_code_key UNIQUE)', b: 'CREATE TABLE t (code text); CREATE UNIQUE INDEX t_code_key ON t (code)', rules: { uniqueConstraintVsIndex: 'ignore' } },
  { name: 'rules: constraints and indexes named differently', a: 'CREATE TABLE t (a int CONSTRAINT t_a_check CHECK (a > 0), b int UNIQUE); CREATE INDEX t_a_idx ON t (a)', b: 'CREATE TABLE t (a int CONSTRAINT a_positive CHECK (a > 0), b int CONSTRAINT t_b_unique UNIQUE); CREATE INDEX idx_t_a ON t (a)', rules: { names: 'ignore' } },
  { name: 'rules: comments', a: "CREATE TABLE t (a int); COMMENT ON TABLE t IS 'old words'", b: "CREATE TABLE t (a int); COMMENT ON TABLE t IS 'new words'", rules: { comments: 'ignore' } },
  // privileges and owners (opt-in rules)
  { privileges: true, name: 'privileges: a grant given twice, and by a second grantor', a: 'CREATE TABLE t (a int); GRANT SELECT ON t TO parity_writer WITH GRANT OPTION; GRANT SELECT ON t TO parity_reader', b: 'CREATE TABLE t (a int); GRANT SELECT ON t TO parity_writer WITH GRANT OPTION; GRANT SELECT ON t TO parity_reader; GRANT SELECT ON t TO parity_reader; SET ROLE parity_writer; GRANT SELECT ON t TO parity_reader; RESET ROLE' },
  { privileges: true, name: 'privileges: GRANT ALL vs every privilege listed', a: 'CREATE TABLE t (a int); GRANT ALL ON t TO parity_writer', b: `CREATE TABLE t (a int); GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER${MAJOR >= 17 ? ', MAINTAIN' : ''} ON t TO parity_writer` },
  { privileges: true, name: "privileges: a function's grants given in another order, in one statement", a: `${F} GRANT EXECUTE ON FUNCTION f(int) TO parity_reader; GRANT EXECUTE ON FUNCTION f(int) TO parity_writer`, b: `${F} GRANT EXECUTE ON FUNCTION f(integer) TO parity_writer, parity_reader` },
  { privileges: true, name: 'privileges: column grants one by one vs in one list', a: 'CREATE TABLE t (a int, b int); GRANT SELECT (a, b), UPDATE (b) ON t TO parity_reader', b: 'CREATE TABLE t (a int, b int); GRANT UPDATE (b) ON t TO parity_reader; GRANT SELECT (b) ON t TO parity_reader; GRANT SELECT (a) ON t TO parity_reader' },
  { privileges: true, name: 'privileges: a built-in default revoked and given back', a: F, b: `${F} REVOKE EXECUTE ON FUNCTION f(int) FROM PUBLIC; GRANT EXECUTE ON FUNCTION f(int) TO PUBLIC` },
  { privileges: true, name: 'privileges: default privileges given in two statements vs one', a: 'ALTER DEFAULT PRIVILEGES FOR ROLE parity_owner IN SCHEMA public GRANT SELECT, INSERT ON TABLES TO parity_reader; CREATE TABLE t (a int)', b: 'ALTER DEFAULT PRIVILEGES FOR ROLE parity_owner IN SCHEMA public GRANT INSERT ON TABLES TO parity_reader; ALTER DEFAULT PRIVILEGES FOR ROLE parity_owner IN SCHEMA public GRANT SELECT ON TABLES TO parity_reader; CREATE TABLE t (a int)' },
  { privileges: true, name: 'rules: the same grant through a role map', a: 'CREATE TABLE t (a int); GRANT SELECT ON t TO parity_host_admin', b: 'CREATE TABLE t (a int); GRANT SELECT ON t TO parity_reader', rules: { roleMap: { parity_host_admin: 'parity_reader' } } },
  { privileges: true, name: 'rules: the same owner through a role map', a: 'CREATE TABLE t (a int); ALTER TABLE t OWNER TO parity_host_admin', b: 'CREATE TABLE t (a int); ALTER TABLE t OWNER TO parity_owner', rules: { roleMap: { parity_host_admin: 'parity_owner' } } },
  { privileges: true, name: 'rules: a grant the role map makes a duplicate of another is one grant', a: 'CREATE TABLE t (a int); GRANT SELECT ON t TO parity_host_admin, parity_reader', b: 'CREATE TABLE t (a int); GRANT SELECT ON t TO parity_reader', rules: { roleMap: { parity_host_admin: 'parity_reader' } } },
];

describe('compare: equivalent schemas compare equal', () => {
  it.each(equivalences.filter((e) => (e.minMajor ?? 0) <= testServer().major).map((e) => [e.name, e] as const))('%s', async (_name, { a, b, privileges, rules: given }) => {
    const rules = privileges ? { ...ACCESS, ...given } : given;
    const snapshot = (sql: string) => (privileges ? snapshotOf(`${ROLES_SQL}\n${sql}`, { privileges: true }) : snapshotOf(sql));
    const [sa, sb] = [await snapshot(a), await snapshot(b)];
    // something to compare: a list of the snapshot is not empty
    expect(Object.entries(sa).some(([key, value]) => key !== 'schemas' && Array.isArray(value) && value.length > 0)).toBe(true);
    // …and with privileges, some grant or default privilege to compare
    if (privileges) expect(sa.grants!.length + sa.defaultPrivileges!.length).toBeGreaterThan(0);
    const comparison = compare(sa, sb, rules);
    expect(comparison.differences, textReport(comparison, { a: 'a', b: 'b' })).toEqual([]);
    if (given) {
      // the rule is what makes them equal: under the strictest rules (and no role map) they differ
      const strict = compare(sa, sb, { ...rules, ...Object.fromEntries(Object.keys(given).map((k) => [k, k === 'roleMap' ? {} : 'drift'])) });
      expect(fails(strict)).toBe(true);
    }
  });
});
