import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../harness/catalog/model.js';
import { compare } from '../../harness/compare/compare.js';
import type { CompareRules } from '../../harness/compare/types.js';
import { snapshotOf, tableIn, viewIn } from '../support/catalog.js';
import { ROLES_SQL } from '../support/roles.js';
import { testServer } from '../support/scratch.js';

// Properties a snapshot once did not record, so that two schemas differing only in one of them
// were "equal": each pair below differs in exactly that, and must come out as exactly that one
// difference, and nothing else.

type Options = { privileges?: boolean };
const ACCESS_RULES: Partial<CompareRules> = { privileges: 'drift', ownership: 'drift' };

/** `kind object path property` of every difference between the snapshots of `a` and `b`. */
async function differences(a: string, b: string, options: Options = {}): Promise<string[]> {
  const [sa, sb] = [await snapshotOf(a, options), await snapshotOf(b, options)];
  return describeDifferences(sa, sb, options.privileges ? ACCESS_RULES : {});
}

function describeDifferences(a: Snapshot, b: Snapshot, rules: Partial<CompareRules> = {}): string[] {
  return compare(a, b, rules).differences.map((d) => [d.kind, d.object, d.path, d.property].filter(Boolean).join(' '));
}

const ICU = `CREATE SCHEMA s1; CREATE SCHEMA s2;
  CREATE COLLATION s1.ci (provider = icu, locale = 'und');
  CREATE COLLATION s2.ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);`;

describe('catalog: collations are named with their schema', () => {
  it('a column collated by one of two same-named collations, or by pg_catalog\'s "C" or a public "C"', async () => {
    expect(await differences(`${ICU} CREATE TABLE t (v text COLLATE s1.ci UNIQUE)`, `${ICU} CREATE TABLE t (v text COLLATE s2.ci UNIQUE)`)).toEqual(['changed column public.t.v collation']);
    const c = `CREATE COLLATION public."C" (provider = icu, locale = 'und-u-ks-level2', deterministic = false);`;
    const [a, b] = [await snapshotOf(`${c} CREATE TABLE t (v text COLLATE pg_catalog."C")`), await snapshotOf(`${c} CREATE TABLE t (v text COLLATE public."C")`)];
    // as the server names them with search_path = pg_catalog: pg_catalog's unqualified
    expect([tableIn(a, 't').columns[0]!.collation, tableIn(b, 't').columns[0]!.collation]).toEqual(['"C"', 'public."C"']);
    expect(describeDifferences(a, b)).toEqual(['changed column public.t.v collation']);
  });

  it('a domain, and a foreign table column', async () => {
    expect(await differences(`${ICU} CREATE DOMAIN d AS text COLLATE s1.ci`, `${ICU} CREATE DOMAIN d AS text COLLATE s2.ci`)).toEqual(['changed domain public.d collation']);
    const ft = (collation: string) => `${ICU} CREATE FOREIGN DATA WRAPPER w; CREATE SERVER s FOREIGN DATA WRAPPER w; CREATE FOREIGN TABLE ft (v text ${collation}) SERVER s;`;
    const [plain, collated] = [await snapshotOf(ft('')), await snapshotOf(ft('COLLATE s1.ci'))];
    expect([plain.foreignTables[0]!.columns[0]!.collation, collated.foreignTables[0]!.columns[0]!.collation]).toEqual([null, 's1.ci']);
    expect(describeDifferences(plain, collated)).toEqual(['changed foreign table public.ft columns']);
    expect(await differences(ft('COLLATE s1.ci'), ft('COLLATE s2.ci'))).toEqual(['changed foreign table public.ft columns']);
  });
});

describe('catalog: table properties', () => {
  it('an ordinary table and its columns record them all as null (or as before): only nulls are added', async () => {
    const t = tableIn(await snapshotOf('CREATE TABLE t (id int PRIMARY KEY, v text); CREATE INDEX t_v ON t (v)'), 't');
    expect([t.ofType, t.accessMethod, t.options, t.clusterOn]).toEqual([null, null, [], null]);
    expect(t.columns.map(({ storage, compression, statistics, options, local }) => [storage, compression, statistics, options, local])).toEqual([
      [null, null, null, null, null],
      [null, null, null, null, null],
    ]);
    expect(t.indexes.map((i) => i.statistics)).toEqual([null, null]);
  });

  it('a typed table (OF type)', async () => {
    const [a, b] = [await snapshotOf('CREATE TYPE ct AS (a int, b text); CREATE TABLE t OF ct'), await snapshotOf('CREATE TYPE ct AS (a int, b text); CREATE TABLE t (a int, b text)')];
    expect([tableIn(a, 't').ofType, tableIn(b, 't').ofType]).toEqual(['public.ct', null]);
    expect(describeDifferences(a, b)).toEqual(['changed table public.t ofType']);
  });

  it('a table access method (USING)', async () => {
    const am = 'CREATE ACCESS METHOD heap2 TYPE TABLE HANDLER heap_tableam_handler;';
    const [a, b] = [await snapshotOf(`${am} CREATE TABLE t (v text)`), await snapshotOf(`${am} CREATE TABLE t (v text) USING heap2`)];
    expect([tableIn(a, 't').accessMethod, tableIn(b, 't').accessMethod]).toEqual([null, 'heap2']);
    expect(describeDifferences(a, b)).toEqual(['changed table public.t accessMethod']);
  });

  it('the TOAST table\'s storage options, with the table\'s, as WITH (toast.…) sets them', async () => {
    const [a, b] = [await snapshotOf('CREATE TABLE t (v text) WITH (fillfactor = 50)'), await snapshotOf('CREATE TABLE t (v text) WITH (fillfactor = 50, toast.autovacuum_enabled = false)')];
    expect(tableIn(b, 't').options).toEqual(['fillfactor=50', 'toast.autovacuum_enabled=false']);
    expect(describeDifferences(a, b)).toEqual(['changed table public.t options']);
    // a materialized view's too
    expect(await differences('CREATE MATERIALIZED VIEW m AS SELECT \'x\'::text AS v', 'CREATE MATERIALIZED VIEW m WITH (toast.autovacuum_enabled = false) AS SELECT \'x\'::text AS v')).toEqual(['changed materialized view public.m options']);
  });

  it('CLUSTER ON', async () => {
    const t = 'CREATE TABLE t (b int); CREATE INDEX i ON t (b);';
    const [a, b] = [await snapshotOf(t), await snapshotOf(`${t} ALTER TABLE t CLUSTER ON i`)];
    expect(tableIn(b, 't').clusterOn).toBe('i');
    expect(describeDifferences(a, b)).toEqual(['changed table public.t clusterOn']);
  });

  it('a column\'s storage, compression, statistics target and options, each alone', async () => {
    const t = 'CREATE TABLE t (v text);';
    const cases: Array<[string, string, unknown]> = [
      ['ALTER TABLE t ALTER COLUMN v SET STORAGE plain', 'storage', 'plain'],
      ['ALTER TABLE t ALTER COLUMN v SET COMPRESSION pglz', 'compression', 'pglz'],
      ['ALTER TABLE t ALTER COLUMN v SET STATISTICS 0', 'statistics', 0],
      ['ALTER TABLE t ALTER COLUMN v SET STATISTICS 500', 'statistics', 500],
      ['ALTER TABLE t ALTER COLUMN v SET (n_distinct = -1)', 'options', ['n_distinct=-1']],
    ];
    const plain = await snapshotOf(t);
    for (const [sql, property, value] of cases) {
      const changed = await snapshotOf(`${t} ${sql}`);
      expect((tableIn(changed, 't').columns[0] as Record<string, unknown>)[property], sql).toEqual(value);
      expect(describeDifferences(plain, changed), sql).toEqual([`changed column public.t.v ${property}`]);
    }
    // set back to the default: the same as never set
    const reset = await snapshotOf(`${t} ALTER TABLE t ALTER COLUMN v SET STATISTICS 500; ALTER TABLE t ALTER COLUMN v SET STATISTICS -1; ALTER TABLE t ALTER COLUMN v SET STORAGE extended; ALTER TABLE t ALTER COLUMN v SET (n_distinct = 1); ALTER TABLE t ALTER COLUMN v RESET (n_distinct)`);
    expect(describeDifferences(plain, reset)).toEqual([]);
  });

  it('a column an inheriting table declares itself, or only inherits', async () => {
    const [a, b] = [await snapshotOf('CREATE TABLE par (id int); CREATE TABLE ch (x int) INHERITS (par)'), await snapshotOf('CREATE TABLE par (id int); CREATE TABLE ch (id int, x int) INHERITS (par)')];
    expect([tableIn(a, 'ch').columns.map((c) => c.local), tableIn(b, 'ch').columns.map((c) => c.local), tableIn(a, 'par').columns.map((c) => c.local)]).toEqual([
      [false, null],
      [true, null],
      [null],
    ]);
    expect(describeDifferences(a, b)).toEqual(['changed column public.ch.id local']);
    // a partition's columns are all inherited, whether made PARTITION OF or attached: never recorded
    const partitioned = 'CREATE TABLE p (id int, at date) PARTITION BY RANGE (at);';
    expect(
      await differences(
        `${partitioned} CREATE TABLE p1 PARTITION OF p FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')`,
        `${partitioned} CREATE TABLE p1 (id int, at date); ALTER TABLE p ATTACH PARTITION p1 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')`,
      ),
    ).toEqual([]);
  });

  it('an index column\'s statistics target', async () => {
    const t = 'CREATE TABLE t (b int); CREATE INDEX i ON t ((b * 2), b);';
    const [a, b] = [await snapshotOf(t), await snapshotOf(`${t} ALTER INDEX i ALTER COLUMN 1 SET STATISTICS 1000`)];
    expect([tableIn(a, 't').indexes[0]!.statistics, tableIn(b, 't').indexes[0]!.statistics]).toEqual([null, ['1=1000']]);
    expect(describeDifferences(a, b)).toEqual(['changed index public.t#i statistics']);
    // the server takes it only for an expression column: the query looks at no other index's columns
    await expect(snapshotOf(`${t} ALTER INDEX i ALTER COLUMN 2 SET STATISTICS 1000`)).rejects.toThrow(/cannot alter statistics on non-expression column "b" of index "i"/);
  });

  it('materialized view WITH NO DATA is data, not schema: not recorded', async () => {
    expect(await differences('CREATE MATERIALIZED VIEW m AS SELECT 1 AS x', 'CREATE MATERIALIZED VIEW m AS SELECT 1 AS x WITH NO DATA')).toEqual([]);
  });
});

describe('catalog: view columns', () => {
  it('a view column\'s default and comment are compared (its names and types follow from the definition)', async () => {
    const v = 'CREATE TABLE t (id int); CREATE VIEW v AS SELECT id FROM t;';
    expect(await differences(v, `${v} ALTER VIEW v ALTER COLUMN id SET DEFAULT 5`)).toEqual(['changed column public.v.id default']);
    expect(await differences(v, `${v} COMMENT ON COLUMN v.id IS 'the id'`)).toEqual(['changed column public.v.id comment']);
    expect(viewIn(await snapshotOf(`${v} ALTER VIEW v ALTER COLUMN id SET DEFAULT 5`), 'v').columns.map((c) => [c.name, c.default])).toEqual([['id', '5']]);
  });
});

describe('catalog: sequences, functions, extensions', () => {
  it.runIf(testServer().major >= 15)('an UNLOGGED sequence (PostgreSQL 15+)', async () => {
    const [a, b] = [await snapshotOf('CREATE SEQUENCE s'), await snapshotOf('CREATE UNLOGGED SEQUENCE s')];
    expect([a.sequences[0]!.unlogged, b.sequences[0]!.unlogged]).toEqual([false, true]);
    expect(describeDifferences(a, b)).toEqual(['changed sequence public.s unlogged']);
  });

  it('a function\'s planner support function', async () => {
    const f = (support: string) => `CREATE FUNCTION f(int) RETURNS SETOF int LANGUAGE sql ${support} AS $$ SELECT $1 $$`;
    const [a, b] = [await snapshotOf(f('')), await snapshotOf(f('SUPPORT generate_series_int4_support'))];
    expect([a.functions[0]!.support, b.functions[0]!.support]).toEqual([null, 'generate_series_int4_support']);
    expect(describeDifferences(a, b)).toEqual(['changed function public.f(integer) support']);
  });

  it('an extension installed into pg_catalog is recorded like any other (initdb\'s plpgsql is not)', async () => {
    const inCatalog = await snapshotOf('CREATE EXTENSION citext SCHEMA pg_catalog');
    expect(inCatalog.extensions).toEqual([{ name: 'citext', schema: 'pg_catalog', version: expect.any(String), comment: null }]);
    expect(describeDifferences(await snapshotOf('SELECT 1'), inCatalog)).toEqual(['extra extension citext']);
    expect(await differences('CREATE EXTENSION citext SCHEMA public', 'CREATE EXTENSION citext SCHEMA pg_catalog')).toEqual(['changed extension citext schema']);
  });
});

describe('catalog: privileges and owners of the objects outside schemas (only when asked)', () => {
  const FDW = `${ROLES_SQL} CREATE FOREIGN DATA WRAPPER w; CREATE SERVER srv FOREIGN DATA WRAPPER w; CREATE TABLE t (id int); CREATE PUBLICATION pb FOR TABLE t;
    CREATE TRUSTED LANGUAGE plsame HANDLER plpgsql_call_handler;
    CREATE FUNCTION ef() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$; CREATE EVENT TRIGGER et ON ddl_command_start EXECUTE FUNCTION ef();`;

  it('grants on foreign-data wrappers, foreign servers and languages; owners of those, publications and event triggers', async () => {
    const snapshot = await snapshotOf(`${FDW} GRANT USAGE ON FOREIGN DATA WRAPPER w TO parity_reader; GRANT USAGE ON FOREIGN SERVER srv TO parity_reader WITH GRANT OPTION; GRANT USAGE ON LANGUAGE plsame TO parity_reader;`, {
      privileges: true,
      ignore: { schemas: ['public'] },
    });
    expect(snapshot.grants!.map((g) => `${g.kind} ${g.object} ${g.privilege} ${g.grantee}${g.grantable ? ' WITH GRANT OPTION' : ''}`)).toEqual([
      'foreign server srv USAGE parity_reader WITH GRANT OPTION',
      'foreign-data wrapper w USAGE parity_reader',
      // the built-in default: everyone may use a language
      'language plsame USAGE PUBLIC',
      'language plsame USAGE parity_reader',
    ]);
    expect(snapshot.owners!.map((o) => `${o.kind} ${o.schema ?? '-'}.${o.object}`)).toEqual(['event trigger -.et', 'foreign server -.srv', 'foreign-data wrapper -.w', 'language -.plsame', 'publication -.pb']);
  });

  it('a grant on a foreign server or wrapper, a publication\'s or server\'s owner, each alone', async () => {
    const cases: Array<[string, string]> = [
      ['GRANT USAGE ON FOREIGN SERVER srv TO parity_reader', 'extra privilege foreign server srv: USAGE TO parity_reader'],
      ['GRANT USAGE ON FOREIGN DATA WRAPPER w TO parity_reader', 'extra privilege foreign-data wrapper w: USAGE TO parity_reader'],
      ['GRANT USAGE ON LANGUAGE plsame TO parity_reader', 'extra privilege language plsame: USAGE TO parity_reader'],
      ['ALTER PUBLICATION pb OWNER TO parity_owner', 'changed owner publication pb owner'],
      ['ALTER SERVER srv OWNER TO parity_owner', 'changed owner foreign server srv owner'],
    ];
    // (a wrapper's, a language's and an event trigger's owner must be a superuser: not made here)
    const plain = await snapshotOf(FDW, { privileges: true });
    for (const [sql, expected] of cases) {
      const changed = await snapshotOf(`${FDW} ${sql}`, { privileges: true });
      expect(describeDifferences(plain, changed, ACCESS_RULES), sql).toEqual([expected]);
    }
  });
});
