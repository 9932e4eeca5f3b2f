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
const MIGRATIONS = join(ROOT, 'drizzle', 'migrations');

/** A database built the way production was: the legacy chain. */
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

const recorded = (url: string) =>
  withClient(url, async (c) => {
    const exists = (await c.query<{ t: string | null }>("SELECT to_regclass('drizzle.__drizzle_migrations')::text AS t")).rows[0]?.t;
    return exists ? (await c.query<{ hash: string; created_at: string }>('SELECT hash, created_at::text AS created_at FROM drizzle.__drizzle_migrations ORDER BY id')).rows : null;
  });

describe('parity adopt: mark the baseline applied without running it', () => {
  it('on a legacy-built database: records exactly the baseline, then drizzle migrate() applies only what follows and the result is head', async () => {
    const db = await productionLike('adopt');
    try {
      const dry = await runMain(['adopt', `url:${db.url}`, '--dry-run'], { cwd: ROOT });
      expect(dry.code, dry.stderr).toBe(0);
      expect(dry.stdout).toContain('Dry run:');
      expect(dry.stdout).toContain('0002_triggers_and_comments');
      expect(await recorded(db.url)).toBeNull();

      const adopt = await runMain(['adopt', `url:${db.url}`], { cwd: ROOT });
      expect(adopt.code, adopt.stderr).toBe(0);
      expect(adopt.stdout).not.toContain(db.url.split('@')[0]!.split(':').at(-1)!); // no password
      const baseline = readDrizzleMigrations(MIGRATIONS, '0002_triggers_and_comments');
      expect(await recorded(db.url)).toEqual(baseline.map((m) => ({ hash: m.hash, created_at: String(m.when) })));

      const again = await runMain(['adopt', `url:${db.url}`], { cwd: ROOT });
      expect([again.code, again.stdout]).toEqual([0, expect.stringContaining('already records the baseline (3 migrations): nothing to do')]);
      expect((await recorded(db.url))?.length).toBe(3);

      // drizzle-orm's own migrator now applies only 0003, over the legacy-built schema
      await withClient(db.url, async (client) => {
        const { drizzle } = await import('drizzle-orm/node-postgres');
        const { migrate } = await import('drizzle-orm/node-postgres/migrator');
        await migrate<Record<string, never>>(drizzle({ client }), { migrationsFolder: MIGRATIONS });
      });
      expect((await recorded(db.url))?.length).toBe(readDrizzleMigrations(MIGRATIONS).length);
      const migrated = await withClient(db.url, (c) => takeSnapshot(c));
      const head = (await resolveCatalog(`drizzle:${MIGRATIONS}`)).snapshot;
      expect(compare(head, migrated).differences).toEqual([]);
    } finally {
      await db.drop();
    }
  });

  it('refuses a drifted database with the report and writes nothing', async () => {
    const db = await productionLike('adopt drifted', 'ALTER TABLE site_visits ALTER COLUMN notes TYPE varchar(500)');
    try {
      const run = await runMain(['adopt', `url:${db.url}`], { cwd: ROOT });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('~ notes: type text → character varying(500)');
      expect(run.stdout).toContain('Refused');
      expect(await recorded(db.url)).toBeNull();
    } finally {
      await db.drop();
    }
  });

  it('refuses rows that do not match the journal', async () => {
    const db = await productionLike(
      'adopt foreign rows',
      'CREATE SCHEMA drizzle; CREATE TABLE drizzle.__drizzle_migrations (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint); INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES (\'deadbeef\', 1)',
    );
    try {
      const run = await runMain(['adopt', `url:${db.url}`], { cwd: ROOT });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/row 1 \(hash deadbeef…, created_at 1\) does not match the journal's 0000_functions/);
      expect((await recorded(db.url))?.length).toBe(1);
    } finally {
      await db.drop();
    }
  });
});
