import { describe, expect, it } from 'vitest';
import { COVERED_KINDS } from '../../harness/catalog/kinds.js';
import { takeSnapshot } from '../../harness/catalog/snapshot.js';
import { compare } from '../../harness/compare/compare.js';
import { jsonReport } from '../../harness/compare/report-json.js';
import { markdownReport } from '../../harness/compare/report-markdown.js';
import { textReport } from '../../harness/compare/report-text.js';
import { snapshotOf } from '../support/catalog.js';
import { scratchDatabase } from '../support/scratch.js';

/** One user object of every kind the coverage guard knows (what can be made without C code), by kind. */
const EVERY_KIND: Record<string, string> = {
  table: 'CREATE TABLE t (id int PRIMARY KEY, a text, b text, CONSTRAINT a_set CHECK (a <> \'\'))',
  index: 'CREATE INDEX t_a ON t (a)',
  'table constraint': '-- t_pkey, a_set',
  view: 'CREATE VIEW v AS SELECT id FROM t',
  'materialized view': 'CREATE MATERIALIZED VIEW mv AS SELECT id FROM t',
  sequence: 'CREATE SEQUENCE seq',
  trigger: "CREATE FUNCTION tg() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$; CREATE TRIGGER t_tg BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION tg()",
  rule: 'CREATE RULE t_keep AS ON DELETE TO t DO INSTEAD NOTHING',
  policy: 'CREATE POLICY t_own ON t USING (a = current_user)',
  statistics: 'CREATE STATISTICS t_ab ON a, b FROM t',
  enum: "CREATE TYPE e AS ENUM ('x')",
  domain: 'CREATE DOMAIN d AS int',
  'domain constraint': 'ALTER DOMAIN d ADD CONSTRAINT d_positive CHECK (VALUE > 0)',
  'composite type': 'CREATE TYPE ct AS (x int)',
  'range type': 'CREATE TYPE rt AS RANGE (subtype = int8)',
  'shell type': 'CREATE TYPE shell',
  function: 'CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql AS $$ SELECT x $$',
  procedure: 'CREATE PROCEDURE p() LANGUAGE sql AS $$ SELECT 1 $$',
  aggregate: 'CREATE AGGREGATE agg(int) (sfunc = int4pl, stype = int)',
  collation: "CREATE COLLATION coll (provider = libc, locale = 'C')",
  operator: 'CREATE OPERATOR === (leftarg = int, rightarg = int, function = int4eq)',
  'operator family': 'CREATE OPERATOR FAMILY fam USING btree',
  'operator class': 'CREATE OPERATOR CLASS int_ops2 FOR TYPE int USING hash AS OPERATOR 1 = , FUNCTION 1 hashint4(int)',
  cast: 'CREATE CAST (ct AS text) WITH INOUT',
  conversion: "CREATE CONVERSION conv FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8",
  'text search configuration': 'CREATE TEXT SEARCH CONFIGURATION tsc (COPY = english)',
  'text search dictionary': 'CREATE TEXT SEARCH DICTIONARY tsd (TEMPLATE = simple)',
  'foreign-data wrapper': 'CREATE FOREIGN DATA WRAPPER fdw',
  'foreign server': 'CREATE SERVER srv FOREIGN DATA WRAPPER fdw',
  'user mapping': 'CREATE USER MAPPING FOR current_user SERVER srv',
  'foreign table': 'CREATE FOREIGN TABLE ft (x int) SERVER srv',
  'constraint on relation of kind f': 'ALTER FOREIGN TABLE ft ADD CONSTRAINT x_positive CHECK (x > 0)',
  'trigger on relation of kind f': 'CREATE TRIGGER ft_tg BEFORE INSERT ON ft FOR EACH ROW EXECUTE FUNCTION tg()',
  language: 'CREATE LANGUAGE plsame HANDLER plpgsql_call_handler',
  'access method': 'CREATE ACCESS METHOD heap2 TYPE TABLE HANDLER heap_tableam_handler',
  publication: 'CREATE PUBLICATION pub FOR TABLE t',
  'event trigger': "CREATE FUNCTION et() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN NULL; END $$; CREATE EVENT TRIGGER evt ON ddl_command_end EXECUTE FUNCTION et()",
  'default privileges': 'ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO public',
  subscription: "CREATE SUBSCRIPTION sub CONNECTION 'dbname=nowhere' PUBLICATION pub WITH (connect = false, slot_name = NONE, enabled = false, create_slot = false)",
};

/** The kinds the snapshot does not describe yet: what the guard must report, and nothing else. */
const NOT_COMPARED = ['default privileges', 'shell type', 'subscription', 'user mapping'];

describe('the coverage guard', () => {
  it('reports exactly the kinds of user objects the snapshot does not compare, one entry per object', async () => {
    const db = await scratchDatabase('coverage', Object.values(EVERY_KIND).join(';\n'));
    try {
      const snapshot = await takeSnapshot(db.client);
      const kinds = snapshot.notCompared.map((o) => o.kind);
      expect([...new Set(kinds)]).toEqual(NOT_COMPARED);
      // every kind made above is either compared or reported
      for (const kind of Object.keys(EVERY_KIND)) expect(COVERED_KINDS.includes(kind) !== NOT_COMPARED.includes(kind), kind).toBe(true);
      expect(snapshot.notCompared.filter((o) => o.kind !== 'default privileges')).toEqual([
        { kind: 'shell type', identity: 'public.shell' },
        { kind: 'subscription', identity: 'sub' },
        { kind: 'user mapping', identity: expect.stringMatching(/ on server srv$/) },
      ]);
      expect([snapshot.accessMethods, snapshot.languages, snapshot.conversions]).toEqual([
        [{ name: 'heap2', type: 'table', handler: 'heap_tableam_handler', comment: null }],
        [{ name: 'plsame', trusted: false, handler: 'plpgsql_call_handler', inline: null, validator: null, comment: null }],
        [{ schema: 'public', name: 'conv', source: 'LATIN1', target: 'UTF8', function: 'iso8859_1_to_utf8', default: false, comment: null }],
      ]);
      // the operator class made its family too: both compared
      expect(snapshot.operatorFamilies.map((f) => `${f.name} ${f.method}`)).toEqual(['fam btree', 'int_ops2 hash']);
    } finally {
      await db.client.query('DROP SUBSCRIPTION sub');
      await db.drop();
    }
  });

  it('never reports objects of extensions, of ignored schemas or of ignored tables', async () => {
    const snapshot = await snapshotOf(
      `CREATE EXTENSION citext; CREATE SCHEMA drizzle; CREATE TYPE drizzle.shell;
       CREATE TABLE schema_migrations (v text); CREATE FOREIGN DATA WRAPPER w; CREATE SERVER s FOREIGN DATA WRAPPER w;
       CREATE FOREIGN TABLE ignored_ft (v text CHECK (v <> '')) SERVER s; CREATE TRIGGER ignored_tg BEFORE INSERT ON ignored_ft FOR EACH ROW EXECUTE FUNCTION suppress_redundant_updates_trigger();
       CREATE FOREIGN TABLE ft (v text CHECK (v <> '')) SERVER s; CREATE TYPE shell`,
      { ignore: { tables: ['schema_migrations', 'ignored_ft'] } },
    );
    expect(snapshot.notCompared).toEqual([{ kind: 'shell type', identity: 'public.shell' }]);
    expect(snapshot.foreignTables.map((t) => [t.name, t.constraints])).toEqual([['ft', ['ft_v_check CHECK ((v <> \'\'::text))']]]);
  });

  it('every report format lists what is not compared, with a warning, even when the verdict is equal', async () => {
    const a = await snapshotOf('CREATE TYPE shell');
    const b = await snapshotOf('CREATE TYPE shell; CREATE TYPE shell2');
    const comparison = compare(a, b);
    expect(comparison.differences).toEqual([]);
    expect(comparison.notCompared).toEqual([
      { kind: 'shell type', identity: 'public.shell', in: 'both' },
      { kind: 'shell type', identity: 'public.shell2', in: 'b' },
    ]);
    const warning = '2 objects of kinds schema-parity does not compare (shell type): the verdict says nothing about them (listed under "not compared")';
    expect(comparison.warnings).toEqual([warning]);
    const labels = { a: 'A', b: 'B' };
    expect(textReport(comparison, labels)).toBe(
      [
        'A and B: equal',
        `warning: ${warning}`,
        '',
        'Not compared (kinds schema-parity does not compare yet: check them by hand)',
        '  ? shell type public.shell  (in both)',
        '  ? shell type public.shell2  (only in B)',
      ].join('\n'),
    );
    const markdown = markdownReport(comparison, labels);
    expect(markdown).toContain('✅ Equal: no differences.');
    expect(markdown).toContain(`> ⚠️ 2 objects of kinds schema-parity does not compare (shell type): the verdict says nothing about them (listed under "not compared")`);
    expect(markdown).toContain('  ? shell type public.shell2  (only in B)');
    const json = JSON.parse(jsonReport(comparison, labels));
    expect([json.verdict, json.warnings, json.notCompared]).toEqual(['equal', [warning], comparison.notCompared]);
  });
});
