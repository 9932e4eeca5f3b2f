import { describe, expect, it } from 'vitest';
import { compare } from '../../harness/compare/compare.js';
import { textReport } from '../../harness/compare/report-text.js';
import { fails, type CompareRules } from '../../harness/compare/types.js';
import { snapshotOf } from '../support/catalog.js';

interface Equivalence {
  name: string;
  a: string;
  b: string;
  /** Rules under which the two are declared equal; none when Postgres stores them the same. */
  rules?: Partial<CompareRules>;
}

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
  { name: 'rules: the same columns in another order', a: 'CREATE TABLE t (a int, b text, c date)', b: 'CREATE TABLE t (a int, c date, b text)', rules: { columnOrder: 'ignore' } },
  { name: 'rules: a unique constraint vs a unique index of the same name', a: 'CREATE TABLE t (code text CONSTRAINT t_code_key UNIQUE)', b: 'CREATE TABLE t (code text); CREATE UNIQUE INDEX t_code_key ON t (code)', rules: { uniqueConstraintVsIndex: 'ignore' } },
  { name: 'rules: constraints and indexes named differently', a: 'CREATE TABLE t (a int CONSTRAINT t_a_check CHECK (a > 0), b int UNIQUE); CREATE INDEX t_a_idx ON t (a)', b: 'CREATE TABLE t (a int CONSTRAINT a_positive CHECK (a > 0), b int CONSTRAINT t_b_unique UNIQUE); CREATE INDEX idx_t_a ON t (a)', rules: { names: 'ignore' } },
  { name: 'rules: comments', a: "CREATE TABLE t (a int); COMMENT ON TABLE t IS 'old words'", b: "CREATE TABLE t (a int); COMMENT ON TABLE t IS 'new words'", rules: { comments: 'ignore' } },
];

describe('compare: equivalent schemas compare equal', () => {
  it.each(equivalences.map((e) => [e.name, e] as const))('%s', async (_name, { a, b, rules }) => {
    const [sa, sb] = [await snapshotOf(a), await snapshotOf(b)];
    expect(sa.tables.length + sa.enums.length + sa.functions.length).toBeGreaterThan(0);
    const comparison = compare(sa, sb, rules);
    expect(comparison.differences, textReport(comparison, { a: 'a', b: 'b' })).toEqual([]);
    if (rules) {
      // the rule is what makes them equal: under the strictest rules they differ
      const strict = compare(sa, sb, { ...rules, ...Object.fromEntries(Object.keys(rules).map((k) => [k, 'drift'])) });
      expect(fails(strict)).toBe(true);
    }
  });
});
