import type pg from 'pg';
import { describe, expect, it, onTestFinished } from 'vitest';
import { branchConditions, catalogQuery, onlyWhen, presenceQuery, QUERY_NAMES, type QueryName } from '../../harness/catalog/queries.js';
import { COVERED_KINDS } from '../../harness/catalog/kinds.js';
import { EVERY_KIND } from '../support/every-kind.js';
import { scratchDatabase } from '../support/scratch.js';

/** The queries every snapshot runs: schemas, extensions, tables and their parts that every table has, the guard. */
const ALWAYS = ['schemas', 'extensions', 'tables', 'columns', 'constraints', 'indexes', 'grants', 'owners', 'not-compared'];
const GATED = QUERY_NAMES.filter((name) => onlyWhen(name) !== undefined);

/** An extension's objects and an ignored schema's (drizzle), and nothing else. */
const EXTENSION_AND_IGNORED = "CREATE EXTENSION citext; CREATE SCHEMA drizzle; CREATE TYPE drizzle.mood AS ENUM ('ok'); CREATE VIEW drizzle.v AS SELECT 1 AS one";

/** Runs `check` on a new database made by `sql` (none: empty), dropped after (its subscription first: a database with one cannot be dropped). */
async function onDatabase(label: string, sql: string | undefined, check: (client: pg.Client) => Promise<void>): Promise<void> {
  const db = await scratchDatabase(label, sql);
  try {
    await check(db.client);
  } finally {
    await db.client.query('DROP SUBSCRIPTION IF EXISTS sub');
    await db.drop();
  }
}
const EVERY_KIND_SQL = Object.values(EVERY_KIND).join(';\n');

/** For each gated query: its condition, and how many rows it returns, on `client`'s database. */
async function conditionsAndRows(client: pg.Client, excluded = ['information_schema']): Promise<Array<{ name: QueryName; holds: boolean; rows: number }>> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET LOCAL search_path = pg_catalog');
  try {
    const version = Number((await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")).rows[0]!.v);
    const presence = presenceQuery(QUERY_NAMES)!;
    const holds = (await client.query<Record<string, boolean>>(presence.sql)).rows[0]!;
    const out = [];
    for (const name of GATED) {
      const params = name === 'not-compared' ? [excluded, COVERED_KINDS] : [excluded];
      out.push({ name, holds: holds[name] === true, rows: (await client.query(catalogQuery(name, version), params)).rows.length });
    }
    return out;
  } finally {
    await client.query('ROLLBACK');
  }
}

/**
 * A query is skipped when its `-- only when:` condition is false: that is right only if the
 * condition is true whenever the query has a row. Checked on an empty database, on one with an
 * object of every kind, and on one whose objects are all an extension's or in an ignored schema.
 */
describe('queries run only when their condition holds', () => {
  it('every query but the ones every snapshot needs has a condition on objects a user made (OID 16384 and up)', () => {
    expect(QUERY_NAMES.filter((name) => onlyWhen(name) === undefined).sort()).toEqual([...ALWAYS].sort());
    for (const name of GATED) expect(onlyWhen(name), name).toMatch(/^EXISTS \(SELECT FROM pg_\w+ x WHERE x\.\w+ >= 16384( AND .+)?\)$/);
    // one query for all of them, one column each
    expect(presenceQuery(QUERY_NAMES)!.names).toEqual(GATED);
    expect(presenceQuery(['schemas', 'tables'])).toBeUndefined();
  });

  it('on an empty database every condition is false and every query finds nothing', async () => {
    await onDatabase('only when empty', undefined, async (client) => {
      expect((await conditionsAndRows(client)).filter((q) => q.holds || q.rows > 0)).toEqual([]);
    });
  });

  it('with an object of every kind every condition holds, and every query finds its objects', async () => {
    await onDatabase('only when every kind', EVERY_KIND_SQL, async (client) => {
      const found = await conditionsAndRows(client);
      expect(found.filter((q) => !q.holds || q.rows === 0)).toEqual([]);
      expect(found.length).toBe(GATED.length);
    });
  });

  it("a condition that holds for an extension's objects or an ignored schema's only lets the query run: it finds nothing, and nothing is skipped that had a row", async () => {
    await onDatabase('only when extension', EXTENSION_AND_IGNORED, async (client) => {
      const found = await conditionsAndRows(client, ['information_schema', 'drizzle']);
      expect(found.filter((q) => q.holds).map((q) => q.name).sort()).toEqual(['aggregates', 'casts', 'enums', 'functions', 'operator-classes', 'operator-families', 'operators', 'views']);
      // each of those runs and finds nothing: the objects are the extension's or in the ignored schema
      expect(found.filter((q) => q.rows > 0)).toEqual([]);
    });
  });
});

/**
 * The coverage guard's branches (one per catalog) run only when their `-- branch only when:`
 * condition holds. Checked the same way: a branch left out must have had no row, with nothing
 * counted as covered (so every object the guard can see is listed).
 */
describe("the coverage guard's branches run only when their condition holds", () => {
  const conditions = branchConditions('not-compared');

  /** The guard's rows with `kept` branches (all when undefined), listing every object (no kind covered). */
  async function guard(client: pg.Client, kept?: boolean[], excluded = ['information_schema']): Promise<unknown[]> {
    const version = Number((await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")).rows[0]!.v);
    return (await client.query(catalogQuery('not-compared', version, undefined, kept ?? conditions.map(() => true)), [excluded, []])).rows;
  }

  /** Each branch's condition on `client`'s database, and whether the branch alone finds a row. */
  async function branches(client: pg.Client, excluded?: string[]): Promise<Array<{ condition: string; holds: boolean; rows: number }>> {
    const holds = (await client.query<Record<string, boolean>>(presenceQuery(['not-compared'])!.sql)).rows[0]!;
    const out = [];
    for (const [at, condition] of conditions.entries()) {
      const alone = conditions.map((_, other) => other === at);
      out.push({ condition, holds: holds[`not-compared#${at}`] === true, rows: (await guard(client, alone, excluded)).length });
    }
    return out;
  }

  it("each branch has a condition on its own catalog's objects made after initdb", async () => {
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(new URL('../../harness/catalog/queries/not-compared.sql', import.meta.url), 'utf8');
    const catalogs = [...text.matchAll(/^ {2}SELECT '(pg_\w+)'::regclass/gm)].map((m) => m[1]);
    // (user mappings through their view: only a superuser may read pg_user_mapping; subscriptions
    // are the cluster's: this database's only, or another database's would run the branch)
    const condition = (catalog: string | undefined) =>
      catalog === 'pg_user_mapping'
        ? 'EXISTS (SELECT FROM pg_user_mappings x WHERE x.umid >= 16384)'
        : catalog === 'pg_subscription'
          ? 'EXISTS (SELECT FROM pg_subscription x WHERE x.oid >= 16384 AND x.subdbid = (SELECT d.oid FROM pg_database d WHERE d.datname = current_database()))'
          : `EXISTS (SELECT FROM ${catalog} x WHERE x.oid >= 16384)`;
    expect(conditions).toEqual(catalogs.map(condition));
    expect(conditions.length).toBeGreaterThan(25);
  });

  it('on an empty database no branch runs, and the guard (left with none) finds nothing — not even for another database\'s subscription (they are the cluster\'s)', async () => {
    // another database of the server holds a subscription meanwhile (another test file's, in a run)
    const other = await scratchDatabase('guard other subscription', EVERY_KIND.subscription);
    onTestFinished(async () => {
      await other.client.query('DROP SUBSCRIPTION IF EXISTS sub');
      await other.drop();
    });
    await onDatabase('guard branches empty', undefined, async (client) => {
      expect((await branches(client)).filter((b) => b.holds || b.rows > 0)).toEqual([]);
      expect(await guard(client, conditions.map(() => false))).toEqual([]);
    });
  });

  it('with an object of every kind, each branch left out had no row, and the guard finds what it finds with every branch', async () => {
    await onDatabase('guard branches every kind', EVERY_KIND_SQL, async (client) => {
      const found = await branches(client);
      expect(found.filter((b) => !b.holds && b.rows > 0)).toEqual([]);
      // most catalogs have an object here: the test leaves few branches out
      expect(found.filter((b) => b.holds).length).toBeGreaterThan(20);
      const kept = found.map((b) => b.holds);
      expect(await guard(client, kept)).toEqual(await guard(client));
      expect((await guard(client)).length).toBeGreaterThan(30);
    });
  });

  it("with only an extension's objects and an ignored schema's, each branch left out had no row", async () => {
    await onDatabase('guard branches extension', EXTENSION_AND_IGNORED, async (client) => {
      const found = await branches(client, ['information_schema', 'drizzle']);
      expect(found.filter((b) => !b.holds && b.rows > 0)).toEqual([]);
      expect(await guard(client, found.map((b) => b.holds), ['information_schema', 'drizzle'])).toEqual([]);
    });
  });
});
