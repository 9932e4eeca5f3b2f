import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../harness/catalog/model.js';
import { compare } from '../../harness/compare/compare.js';
import { snapshotOf, tableIn, viewIn } from '../support/catalog.js';

// Properties a probe found the snapshot did not record (snapshot format 3), so that two schemas
// differing only in one of them were "equal": each pair below differs in exactly that, and must
// come out as exactly that difference (with its severity), and nothing else.

/** `kind object path property [cosmetic]` of every difference between the snapshots of `a` and `b`. */
async function differences(a: string, b: string): Promise<string[]> {
  return describeDifferences(await snapshotOf(a), await snapshotOf(b));
}

function describeDifferences(a: Snapshot, b: Snapshot): string[] {
  return compare(a, b).differences.map((d) => [d.kind, d.object, d.path, d.property, d.severity === 'cosmetic' ? 'cosmetic' : undefined].filter(Boolean).join(' '));
}

const FDW = 'CREATE FOREIGN DATA WRAPPER w; CREATE SERVER s FOREIGN DATA WRAPPER w;';

describe('catalog: foreign tables', () => {
  it('a partition bound, and a partition against a stand-alone foreign table', async () => {
    const p = `${FDW} CREATE TABLE p (k int) PARTITION BY LIST (k);`;
    const [one, two, alone] = [
      await snapshotOf(`${p} CREATE FOREIGN TABLE ft PARTITION OF p FOR VALUES IN (1) SERVER s`),
      await snapshotOf(`${p} CREATE FOREIGN TABLE ft PARTITION OF p FOR VALUES IN (2) SERVER s`),
      await snapshotOf(`${p} CREATE FOREIGN TABLE ft (k int) SERVER s`),
    ];
    expect([one, alone].map((s) => [s.foreignTables[0]!.partitionBound, s.foreignTables[0]!.parents])).toEqual([
      ['FOR VALUES IN (1)', ['public.p']],
      [null, []],
    ]);
    expect(describeDifferences(one, two)).toEqual(['changed foreign table public.ft partitionBound']);
    expect(describeDifferences(one, alone)).toEqual(['changed foreign table public.ft partitionBound', 'changed foreign table public.ft parents']);
  });

  it('inheritance parents (INHERITS)', async () => {
    const par = `${FDW} CREATE TABLE par (a int);`;
    expect(await differences(`${par} CREATE FOREIGN TABLE ft (b int) INHERITS (par) SERVER s`, `${par} CREATE FOREIGN TABLE ft (a int, b int) SERVER s`)).toEqual([
      'changed foreign table public.ft parents',
    ]);
  });

  it('a generated column against a column with the same default', async () => {
    const ft = (b: string) => `${FDW} CREATE FOREIGN TABLE ft (a int, ${b}) SERVER s`;
    const [generated, plain] = [await snapshotOf(ft('b int GENERATED ALWAYS AS (5) STORED')), await snapshotOf(ft('b int DEFAULT 5'))];
    expect([generated, plain].map((s) => s.foreignTables[0]!.columns.map((c) => c.generated))).toEqual([
      [null, 'stored'],
      [null, null],
    ]);
    expect(describeDifferences(generated, plain)).toEqual(['changed foreign table public.ft columns']);
  });

  it('a column\'s statistics target, and a column comment (cosmetic, as every comment)', async () => {
    const ft = `${FDW} CREATE FOREIGN TABLE ft (a int, b text) SERVER s;`;
    const stats = await snapshotOf(`${ft} ALTER FOREIGN TABLE ft ALTER COLUMN b SET STATISTICS 500`);
    expect(stats.foreignTables[0]!.columns.map((c) => c.statistics)).toEqual([null, 500]);
    expect(describeDifferences(await snapshotOf(ft), stats)).toEqual(['changed foreign table public.ft columns']);
    expect(await differences(ft, `${ft} COMMENT ON COLUMN ft.b IS 'the b'`)).toEqual(['changed foreign table public.ft comment cosmetic']);
    expect(await differences(`${ft} COMMENT ON COLUMN ft.b IS 'the b'`, `${ft} COMMENT ON COLUMN ft.a IS 'the b'`)).toEqual(['changed foreign table public.ft comment cosmetic']);
  });
});

describe('catalog: aggregates', () => {
  const FFN = `CREATE FUNCTION ffn(int) RETURNS int LANGUAGE sql AS 'SELECT $1'; CREATE FUNCTION ffn(int, int) RETURNS int LANGUAGE sql AS 'SELECT $1';`;
  const agg = (moving: string) => `${FFN} CREATE AGGREGATE agg(int) (sfunc = int4pl, stype = int, msfunc = int4pl, minvfunc = int4mi, mstype = int, mfinalfunc = ffn${moving})`;

  it('MFINALFUNC_EXTRA, and the moving final function with its argument types', async () => {
    const [plain, extra] = [await snapshotOf(agg('')), await snapshotOf(agg(', mfinalfunc_extra'))];
    expect([plain, extra].map((s) => [s.aggregates[0]!.movingFinal, s.aggregates[0]!.movingFinalExtra])).toEqual([
      ['public.ffn(integer)', false],
      ['public.ffn(integer,integer)', true],
    ]);
    expect(describeDifferences(plain, extra)).toEqual(['changed aggregate public.agg(integer) movingFinal', 'changed aggregate public.agg(integer) movingFinalExtra']);
  });

  it('MFINALFUNC_MODIFY and MSSPACE, each alone; an aggregate without a moving mode records them as null', async () => {
    expect(await differences(agg(''), agg(', mfinalfunc_modify = read_write'))).toEqual(['changed aggregate public.agg(integer) movingFinalModify']);
    expect(await differences(agg(''), agg(', msspace = 100'))).toEqual(['changed aggregate public.agg(integer) movingStateSpace']);
    const ordinary = (await snapshotOf('CREATE AGGREGATE agg(int) (sfunc = int4pl, stype = int)')).aggregates[0]!;
    expect([ordinary.movingFinalExtra, ordinary.movingFinalModify, ordinary.movingStateSpace]).toEqual([null, null, null]);
  });

  it('which of two overloads the final function (and the moving one) is', async () => {
    const poly = `CREATE FUNCTION ffn(anyelement) RETURNS int LANGUAGE sql AS 'SELECT 1';`;
    const exact = `CREATE FUNCTION ffn(int) RETURNS int LANGUAGE sql AS 'SELECT 2';`;
    const normal = 'CREATE AGGREGATE agg(int) (sfunc = int4pl, stype = int, finalfunc = ffn);';
    expect(await differences(`${poly} ${normal} ${exact}`, `${poly} ${exact} ${normal}`)).toEqual(['changed aggregate public.agg(integer) final']);
    const moving = 'CREATE AGGREGATE agg(int) (sfunc = int4pl, stype = int, msfunc = int4pl, minvfunc = int4mi, mstype = int, mfinalfunc = ffn);';
    expect(await differences(`${poly} ${moving} ${exact}`, `${poly} ${exact} ${moving}`)).toEqual(['changed aggregate public.agg(integer) movingFinal']);
  });
});

describe('catalog: constraints', () => {
  it('an inherited CHECK also declared in the child, or only inherited', async () => {
    const par = 'CREATE TABLE par (a int CONSTRAINT par_a_check CHECK (a > 0));';
    const [inherited, local] = [await snapshotOf(`${par} CREATE TABLE ch () INHERITS (par)`), await snapshotOf(`${par} CREATE TABLE ch (CONSTRAINT par_a_check CHECK (a > 0)) INHERITS (par)`)];
    expect([tableIn(inherited, 'ch'), tableIn(local, 'ch'), tableIn(local, 'par')].map((t) => t.constraints.map((c) => c.local))).toEqual([[false], [true], [null]]);
    expect(describeDifferences(inherited, local)).toEqual(['changed constraint public.ch#par_a_check local']);
  });

  it('a partition\'s constraints are all inherited, whether made PARTITION OF or attached: never recorded', async () => {
    const p = 'CREATE TABLE p (k int CONSTRAINT k_positive CHECK (k > 0)) PARTITION BY LIST (k);';
    const [made, attached] = [
      await snapshotOf(`${p} CREATE TABLE p1 PARTITION OF p FOR VALUES IN (1)`),
      await snapshotOf(`${p} CREATE TABLE p1 (k int CONSTRAINT k_positive CHECK (k > 0)); ALTER TABLE p ATTACH PARTITION p1 FOR VALUES IN (1)`),
    ];
    expect(tableIn(made, 'p1').constraints.map((c) => c.local)).toEqual([null]);
    expect(describeDifferences(made, attached)).toEqual([]);
  });
});

describe('catalog: partition indexes', () => {
  it('which index of a partition is attached to the parent\'s index', async () => {
    const p = 'CREATE TABLE p (k int, v int) PARTITION BY LIST (k); CREATE TABLE p1 PARTITION OF p FOR VALUES IN (1);';
    const [a, b] = [
      await snapshotOf(`${p} CREATE INDEX pi ON p (v); CREATE INDEX other ON p1 (v);`),
      await snapshotOf(`${p} CREATE INDEX other ON p1 (v); CREATE INDEX pi ON p (v); CREATE INDEX p1_v_idx ON p1 (v);`),
    ];
    expect(tableIn(a, 'p1').indexes.map((i) => [i.name, i.partitionOf])).toEqual([
      ['other', null],
      ['p1_v_idx', 'public.pi'],
    ]);
    expect(tableIn(a, 'p').indexes.map((i) => i.partitionOf)).toEqual([null]);
    expect(describeDifferences(a, b)).toEqual(['changed index public.p1#other partitionOf', 'changed index public.p1#p1_v_idx partitionOf']);
  });
});

describe('catalog: DEPENDS ON EXTENSION', () => {
  const base = `CREATE EXTENSION citext; CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
    CREATE TABLE t (v int); CREATE INDEX i ON t (v); CREATE TRIGGER tg BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f();`;

  it('of a function, an index and a trigger, each alone', async () => {
    const plain = await snapshotOf(base);
    expect([plain.functions[0]!.dependsOnExtensions, tableIn(plain, 't').indexes[0]!.dependsOnExtensions, tableIn(plain, 't').triggers[0]!.dependsOnExtensions]).toEqual([null, null, null]);
    const cases: Array<[string, string]> = [
      ['ALTER FUNCTION f() DEPENDS ON EXTENSION citext', 'changed function public.f() dependsOnExtensions'],
      ['ALTER INDEX i DEPENDS ON EXTENSION citext', 'changed index public.t#i dependsOnExtensions'],
      ['ALTER TRIGGER tg ON t DEPENDS ON EXTENSION citext', 'changed trigger public.t#tg dependsOnExtensions'],
    ];
    for (const [sql, expected] of cases) {
      const changed = await snapshotOf(`${base} ${sql}`);
      expect(describeDifferences(plain, changed), sql).toEqual([expected]);
    }
    expect((await snapshotOf(`${base} ${cases[0]![0]}`)).functions[0]!.dependsOnExtensions).toEqual(['citext']);
  });
});

describe('catalog: a materialized view\'s CLUSTER ON and DEPENDS ON EXTENSION', () => {
  it('each alone, as a table\'s and a function\'s', async () => {
    const base = 'CREATE EXTENSION citext; CREATE MATERIALIZED VIEW m AS SELECT 1 AS x; CREATE INDEX mi ON m (x);';
    const plain = await snapshotOf(base);
    expect([viewIn(plain, 'm').clusterOn, viewIn(plain, 'm').dependsOnExtensions]).toEqual([null, null]);
    const clustered = await snapshotOf(`${base} ALTER MATERIALIZED VIEW m CLUSTER ON mi`);
    expect(viewIn(clustered, 'm').clusterOn).toBe('mi');
    expect(describeDifferences(plain, clustered)).toEqual(['changed materialized view public.m clusterOn']);
    const depends = await snapshotOf(`${base} ALTER MATERIALIZED VIEW m DEPENDS ON EXTENSION citext`);
    expect(describeDifferences(plain, depends)).toEqual(['changed materialized view public.m dependsOnExtensions']);
  });
});

describe('catalog: comments never read before (cosmetic, as every comment)', () => {
  it('a policy\'s', async () => {
    const t = 'CREATE TABLE t (a text); CREATE POLICY pol ON t USING (true);';
    expect(await differences(t, `${t} COMMENT ON POLICY pol ON t IS 'everyone'`)).toEqual(['changed policy public.t#pol comment cosmetic']);
  });

  it('an extension\'s: null when it is the one its control file gives', async () => {
    const plain = await snapshotOf('CREATE EXTENSION citext');
    expect(plain.extensions[0]!.comment).toBeNull();
    const commented = await snapshotOf("CREATE EXTENSION citext; COMMENT ON EXTENSION citext IS 'case-insensitive'");
    expect(commented.extensions[0]!.comment).toBe('case-insensitive');
    expect(describeDifferences(plain, commented)).toEqual(['changed extension citext comment cosmetic']);
  });

  it('a domain constraint\'s, with the domain\'s', async () => {
    const d = 'CREATE DOMAIN d AS int CONSTRAINT d_positive CHECK (VALUE > 0);';
    expect(await differences(d, `${d} COMMENT ON CONSTRAINT d_positive ON DOMAIN d IS 'above zero'`)).toEqual(['changed domain public.d comment cosmetic']);
    expect(await differences(`${d} COMMENT ON DOMAIN d IS 'above zero'`, `${d} COMMENT ON CONSTRAINT d_positive ON DOMAIN d IS 'above zero'`)).toEqual(['changed domain public.d comment cosmetic']);
  });
});

describe('catalog: database settings are not schema', () => {
  it('ALTER DATABASE … SET is left out, its value never read (pg_dump leaves it out of a schema dump, and a host keeps secrets there)', async () => {
    const { serializeSnapshot } = await import('../../harness/catalog/json.js');
    const snapshot = await snapshotOf(`DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET "app.settings.jwt_secret" = %L', current_database(), 'LEAKjwt'); END $$;`);
    expect(serializeSnapshot(snapshot)).not.toContain('LEAKjwt');
    expect(serializeSnapshot(snapshot)).not.toContain('jwt_secret');
  });
});

