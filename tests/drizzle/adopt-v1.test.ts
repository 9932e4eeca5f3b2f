import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { takeSnapshot } from '../../harness/catalog/snapshot.js';
import { compare } from '../../harness/compare/compare.js';
import { withClient } from '../../harness/server/connect.js';
import { createDatabase, dropDatabase } from '../../harness/server/databases.js';
import { readDrizzleMigrations } from '../../harness/sources/drizzle-journal.js';
import { replayLegacy } from '../../harness/sources/legacy.js';
import { resolveCatalog } from '../../harness/vitest/matchers.js';
import { runMain } from '../cli/run-parity.js';
import { testServer } from '../support/scratch.js';

const ROOT = join(import.meta.dirname, '..', '..');
/** drizzle/migrations converted by drizzle-kit 1.0.0-rc.5 `up` (see its README). */
const V1 = join(ROOT, 'tests', 'fixtures', 'adopt-v1', 'migrations');
const BASELINE_TAG = '20261124221825_triggers_and_comments';
const NEXT_TAG = '20261124221930_missing_indexes';
const BASELINE = ['--baseline', `drizzle:${V1}@${BASELINE_TAG}`];

/** A database built the way production was: the legacy chain (plus drift or a ledger). */
async function productionLike(label: string, extraSql?: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const server = testServer();
  const name = await createDatabase(server, label);
  const url = server.urlFor(name);
  await withClient(url, async (client) => {
    await replayLegacy(client, join(ROOT, 'migrations-legacy'));
    if (extraSql) await client.query(extraSql);
  });
  return { url, drop: () => dropDatabase(server, name) };
}

interface LedgerRow {
  id: number;
  hash: string;
  created_at: string;
  name: string | null;
  applied: 'now' | 'null';
}

/** The ledger's columns (name, type, default) and rows, or null when there is no ledger. */
const ledger = (url: string) =>
  withClient(url, async (c) => {
    if (!(await c.query<{ t: string | null }>("SELECT to_regclass('drizzle.__drizzle_migrations')::text AS t")).rows[0]?.t) return null;
    const columns = (
      await c.query<{ c: string }>(
        "SELECT attname || ' ' || format_type(atttypid, atttypmod) || coalesce(' DEFAULT ' || pg_get_expr(adbin, adrelid), '') || CASE WHEN attnotnull THEN ' NOT NULL' ELSE '' END AS c FROM pg_attribute LEFT JOIN pg_attrdef ON adrelid = attrelid AND adnum = attnum WHERE attrelid = 'drizzle.__drizzle_migrations'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum",
      )
    ).rows.map((r) => r.c);
    const hasName = columns.some((c) => c.startsWith('name '));
    const rows = (
      await c.query<LedgerRow>(
        `SELECT id, hash, created_at::text AS created_at, ${hasName ? "name, CASE WHEN applied_at IS NULL THEN 'null' ELSE 'now' END" : "NULL AS name, 'null'"} AS applied FROM drizzle.__drizzle_migrations ORDER BY id`,
      )
    ).rows;
    return { columns, rows };
  });

/** drizzle-orm 1.x's own migrator (the drizzle-orm-v1 dev dependency) over node-postgres. */
async function migrateV1(url: string, migrationsFolder: string): Promise<void> {
  await withClient(url, async (client) => {
    // imported by a specifier tsc does not follow: drizzle-orm 1.x's declarations are 1.6 MB in
    // 400 files, a quarter of what the type check would parse, for these two calls (which this
    // test runs: a wrong call fails it)
    const v1 = (path: string): string => `drizzle-orm-v1/${path}`;
    const { drizzle } = (await import(v1('node-postgres'))) as { drizzle: (config: { client: typeof client }) => unknown };
    const { migrate } = (await import(v1('node-postgres/migrator'))) as { migrate: (db: unknown, config: { migrationsFolder: string }) => Promise<unknown> };
    await migrate(drizzle({ client }), { migrationsFolder });
  });
}

/** The fixture folder cut after the baseline, for drizzle-orm 1.x to apply on its own. */
function baselineOnlyFolder(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'adopt-v1-'));
  for (const m of readDrizzleMigrations(V1, BASELINE_TAG)) cpSync(join(V1, m.tag), join(dir, m.tag), { recursive: true });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

const V1_COLUMNS = ['id integer DEFAULT nextval(\'drizzle.__drizzle_migrations_id_seq\'::regclass) NOT NULL', 'hash text NOT NULL', 'created_at bigint', 'name text', 'applied_at timestamp with time zone DEFAULT now()'];
const baseline = () => readDrizzleMigrations(V1, BASELINE_TAG);

describe('parity adopt on a drizzle-kit 1.x baseline: drizzle-orm 1.x’s ledger', () => {
  it('writes the rows drizzle-orm 1.x writes when it applies the baseline itself; then its migrator applies only what follows', async () => {
    // what drizzle-orm 1.x records when it runs the baseline on an empty database
    const server = testServer();
    const fresh = await createDatabase(server, 'adopt v1 reference');
    const cut = baselineOnlyFolder();
    let reference;
    try {
      await migrateV1(server.urlFor(fresh), cut.dir);
      reference = await ledger(server.urlFor(fresh));
    } finally {
      cut.remove();
      await dropDatabase(server, fresh);
    }
    expect(reference?.columns).toEqual(V1_COLUMNS);
    expect(reference?.rows.map(({ id, ...r }) => r)).toEqual(baseline().map((m) => ({ hash: m.hash, created_at: String(m.when), name: m.tag, applied: 'now' })));

    const db = await productionLike('adopt v1');
    try {
      const dry = await runMain(['adopt', `url:${db.url}`, ...BASELINE, '--dry-run'], { cwd: ROOT });
      expect(dry.code, dry.stderr).toBe(0);
      const [m0, m1, m2] = baseline();
      expect(dry.stdout.split('\n').slice(1, 6)).toEqual([
        '  CREATE SCHEMA IF NOT EXISTS "drizzle"',
        '  CREATE TABLE IF NOT EXISTS "drizzle"."__drizzle_migrations" ( id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint, name text, applied_at timestamp with time zone DEFAULT now() )',
        `  INSERT INTO "drizzle"."__drizzle_migrations" ("hash", "created_at", "name") VALUES ('${m0!.hash}', ${m0!.when}, '${m0!.tag}') -- ${m0!.tag}`,
        `  INSERT INTO "drizzle"."__drizzle_migrations" ("hash", "created_at", "name") VALUES ('${m1!.hash}', ${m1!.when}, '${m1!.tag}') -- ${m1!.tag}`,
        `  INSERT INTO "drizzle"."__drizzle_migrations" ("hash", "created_at", "name") VALUES ('${m2!.hash}', ${m2!.when}, '${m2!.tag}') -- ${m2!.tag}`,
      ]);
      expect(dry.stdout).toContain('Nothing was written.');
      expect(await ledger(db.url)).toBeNull();

      const adopt = await runMain(['adopt', `url:${db.url}`, ...BASELINE], { cwd: ROOT });
      expect(adopt.code, adopt.stderr).toBe(0);
      expect(adopt.stdout).toContain(`Recorded as applied, without running them:\n  ${m0!.tag} (created_at ${m0!.when}`);
      const adopted = await ledger(db.url);
      expect(adopted).toEqual(reference);

      const again = await runMain(['adopt', `url:${db.url}`, ...BASELINE], { cwd: ROOT });
      expect([again.code, again.stdout]).toEqual([0, expect.stringContaining('already records the baseline (3 migrations): nothing to do')]);
      expect(await ledger(db.url)).toEqual(adopted);

      // drizzle-orm 1.x's migrator on the whole folder: only the migration after the baseline runs
      // (the baseline's CREATE TABLE / CREATE FUNCTION would fail with "already exists": see the next test)
      await migrateV1(db.url, V1);
      const after = await ledger(db.url);
      expect(after?.rows.slice(0, 3)).toEqual(adopted?.rows);
      expect(after?.rows.slice(3).map(({ id, ...r }) => r)).toEqual([{ hash: readDrizzleMigrations(V1).at(-1)!.hash, created_at: String(readDrizzleMigrations(V1).at(-1)!.when), name: NEXT_TAG, applied: 'now' }]);
      const indexes = await withClient(db.url, async (c) => (await c.query("SELECT to_regclass('idx_csm_canonical_stage')::text AS i")).rows);
      expect(indexes).toEqual([{ i: 'idx_csm_canonical_stage' }]);
      const head = (await resolveCatalog(`drizzle:${V1}`)).snapshot;
      expect(compare(head, await withClient(db.url, (c) => takeSnapshot(c))).differences).toEqual([]);
    } finally {
      await db.drop();
    }
  });

  it('refuses a drifted database with the report and writes nothing; unadopted, drizzle-orm 1.x would re-run the baseline', async () => {
    const db = await productionLike('adopt v1 drifted', 'ALTER TABLE site_visits ALTER COLUMN notes TYPE varchar(500)');
    try {
      const run = await runMain(['adopt', `url:${db.url}`, ...BASELINE], { cwd: ROOT });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('~ notes: type text → character varying(500)');
      expect(run.stdout).toContain('Refused');
      expect(await ledger(db.url)).toBeNull();
      const failure = await migrateV1(db.url, V1).then(() => null, (error: Error) => error);
      expect((failure?.cause as Error | undefined)?.message).toBe('function "generate_mock_request_id" already exists with same argument types');
    } finally {
      await db.drop();
    }
  });

  it('a drizzle-orm 0.x ledger (adopted with the 0.x journal) is upgraded exactly as drizzle-orm 1.x upgrades it, then nothing to do', async () => {
    const db = await productionLike('adopt v1 upgrade');
    const twin = await productionLike('adopt v1 upgrade twin');
    const cut = baselineOnlyFolder();
    try {
      // the repository's 0.x journal baseline: the same files, `when` to the millisecond
      for (const url of [db.url, twin.url]) expect((await runMain(['adopt', `url:${url}`], { cwd: ROOT })).code).toBe(0);
      const v0 = await ledger(db.url);
      expect(v0?.columns).toEqual(V1_COLUMNS.slice(0, 3));

      const dry = await runMain(['adopt', `url:${db.url}`, ...BASELINE, '--dry-run'], { cwd: ROOT });
      expect(dry.code, dry.stderr).toBe(0);
      expect(dry.stdout.split('\n').slice(1, 6)).toEqual([
        '  ALTER TABLE "drizzle"."__drizzle_migrations" ADD COLUMN IF NOT EXISTS "name" text',
        '  ALTER TABLE "drizzle"."__drizzle_migrations" ADD COLUMN IF NOT EXISTS "applied_at" timestamp with time zone DEFAULT now()',
        ...baseline().map((m, i) => `  UPDATE "drizzle"."__drizzle_migrations" SET "name" = '${m.tag}', "applied_at" = NULL WHERE "id" = ${v0!.rows[i]!.id} -- ${m.tag}`),
      ]);
      expect(await ledger(db.url)).toEqual(v0);

      const adopt = await runMain(['adopt', `url:${db.url}`, ...BASELINE], { cwd: ROOT });
      expect(adopt.code, adopt.stderr).toBe(0);
      expect(adopt.stdout).toContain("had drizzle-orm 0.x's layout; upgraded it as drizzle-orm 1.x's migrator does (columns name and applied_at, a name for each of its 3 rows)");
      // drizzle-orm 1.x upgrades the twin itself (a folder of the baseline only: nothing to run)
      await migrateV1(twin.url, cut.dir);
      const upgraded = await ledger(db.url);
      expect(upgraded).toEqual(await ledger(twin.url));
      expect(upgraded).toEqual({ columns: V1_COLUMNS, rows: v0!.rows.map((r, i) => ({ ...r, name: baseline()[i]!.tag, applied: 'null' })) });

      const again = await runMain(['adopt', `url:${db.url}`, ...BASELINE], { cwd: ROOT });
      expect([again.code, again.stdout]).toEqual([0, expect.stringContaining('already records the baseline (3 migrations): nothing to do')]);

      await migrateV1(db.url, V1);
      expect((await ledger(db.url))?.rows.map((r) => r.name)).toEqual([...baseline().map((m) => m.tag), NEXT_TAG]);
    } finally {
      cut.remove();
      await db.drop();
      await twin.drop();
    }
  });

  it('refuses ledger rows that are not the baseline, and writes nothing', async () => {
    const db = await productionLike(
      'adopt v1 foreign rows',
      `CREATE SCHEMA drizzle; CREATE TABLE drizzle.__drizzle_migrations (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint, name text, applied_at timestamp with time zone DEFAULT now());
       INSERT INTO drizzle.__drizzle_migrations (hash, created_at, name) VALUES ('deadbeef', 1795558770000, '${NEXT_TAG}')`,
    );
    try {
      const before = await ledger(db.url);
      const run = await runMain(['adopt', `url:${db.url}`, ...BASELINE], { cwd: ROOT });
      expect([run.code, run.stdout]).toEqual([2, '']);
      expect(run.stderr).toContain(`drizzle.__drizzle_migrations row id 1 (hash deadbeef…, created_at 1795558770000, name ${NEXT_TAG}) names no baseline migration (${baseline().map((m) => m.tag).join(', ')}): this database has moved past the baseline or records other migrations`);
      expect(await ledger(db.url)).toEqual(before);

      const [m0] = baseline();
      await withClient(db.url, (c) => c.query('UPDATE drizzle.__drizzle_migrations SET name = $1, created_at = $2', [m0!.tag, m0!.when]));
      const changed = await runMain(['adopt', `url:${db.url}`, ...BASELINE], { cwd: ROOT });
      expect(changed.code).toBe(2);
      expect(changed.stderr).toContain(`row id 1 (hash deadbeef…, created_at ${m0!.when}, name ${m0!.tag}) does not match ${m0!.tag} (hash ${m0!.hash.slice(0, 12)}…, created_at ${m0!.when}): the file or the folder's timestamp changed after it was recorded`);

      await withClient(db.url, (c) => c.query("UPDATE drizzle.__drizzle_migrations SET name = NULL, created_at = 1795558770000"));
      const nameless = await runMain(['adopt', `url:${db.url}`, ...BASELINE], { cwd: ROOT });
      expect(nameless.code).toBe(2);
      expect(nameless.stderr).toContain('row id 1 (hash deadbeef…, created_at 1795558770000, name null) has no name: drizzle-orm 1.x ignores it and would run that migration again');

      await withClient(db.url, (c) => c.query("ALTER TABLE drizzle.__drizzle_migrations DROP COLUMN name, DROP COLUMN applied_at"));
      const v0 = await runMain(['adopt', `url:${db.url}`, ...BASELINE], { cwd: ROOT });
      expect(v0.code).toBe(2);
      expect(v0.stderr).toContain("drizzle.__drizzle_migrations (drizzle-orm 0.x's layout) row id 1 (hash deadbeef…, created_at 1795558770000) matches no baseline migration by its second or its hash");
      // the baseline's first migration by its second (a 0.x journal's `when` keeps the milliseconds), another file by its hash
      await withClient(db.url, (c) => c.query('UPDATE drizzle.__drizzle_migrations SET created_at = $1', [m0!.when + 560]));
      const v0Changed = await runMain(['adopt', `url:${db.url}`, ...BASELINE], { cwd: ROOT });
      expect(v0Changed.code).toBe(2);
      expect(v0Changed.stderr).toContain(`row id 1 (hash deadbeef…, created_at ${m0!.when + 560}) is ${m0!.tag} by its second, but ${m0!.tag}/migration.sql now hashes to ${m0!.hash.slice(0, 12)}…: the file changed after it was applied`);
      expect((await ledger(db.url))?.columns).toEqual(V1_COLUMNS.slice(0, 3));
    } finally {
      await db.drop();
    }
  });
});
