import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildDatabase } from '../../harness/sources/build.js';
import { applyDrizzleMigrations, drizzleSource } from '../../harness/sources/drizzle.js';
import { parseSource } from '../../harness/sources/parse.js';
import { rejectionOf } from '../support/errors.js';
import { folderWith } from '../support/folders.js';
import { scratchDatabase, testServer, type ScratchDatabase } from '../support/scratch.js';

/** A drizzle-kit folder: tag → SQL, journal in order, `when` = 1000 × (index + 1). */
function drizzleFolder(migrations: Record<string, string>): string {
  const entries = Object.keys(migrations).map((tag, idx) => ({ idx, version: '7', when: 1000 * (idx + 1), tag, breakpoints: true }));
  return folderWith({
    ...Object.fromEntries(Object.entries(migrations).map(([tag, sql]) => [`${tag}.sql`, sql])),
    'meta/_journal.json': JSON.stringify({ version: '7', dialect: 'postgresql', entries }),
  });
}

describe('drizzle source', () => {
  let db: ScratchDatabase | undefined;
  afterEach(async () => {
    await db?.drop();
    db = undefined;
  });

  it('applies with drizzle-orm\u2019s migrator, up to a tag, recording what the migrator records', async () => {
    db = await scratchDatabase('drizzle');
    const dir = drizzleFolder({ '0000_a': 'CREATE TABLE a (id int);', '0001_b': 'CREATE TABLE b (id int);\n--> statement-breakpoint\nCREATE TABLE c (id int);' });
    await applyDrizzleMigrations(db.client, dir, '0000_a');
    const tables = async () => (await db!.client.query<{ t: string }>("SELECT relname AS t FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace ORDER BY 1")).rows.map((r) => r.t);
    expect(await tables()).toEqual(['a']);
    await applyDrizzleMigrations(db.client, dir);
    expect(await tables()).toEqual(['a', 'b', 'c']);
    const { rows } = await db.client.query<{ created_at: string }>('SELECT created_at FROM drizzle.__drizzle_migrations ORDER BY id');
    expect(rows.map((r) => Number(r.created_at))).toEqual([1000, 2000]);
  });

  it('names the migration, line and column of a failing statement', async () => {
    db = await scratchDatabase('drizzle');
    const dir = drizzleFolder({
      '0000_ok': 'CREATE TABLE a (id int);',
      '0001_bad': 'CREATE TABLE b (id int);\n--> statement-breakpoint\n-- a comment\nALTER TABLE b\n  ADD COLUMN n integr;',
    });
    const error = await rejectionOf(applyDrizzleMigrations(db.client, dir));
    expect(error.message).toBe('0001_bad.sql:5:16: type "integr" does not exist [42704]');
    // no position from the server: the statement's first line
    const noPosition = drizzleFolder({ '0000_fk': 'CREATE TABLE a (id int);\n--> statement-breakpoint\n\nCREATE TABLE b (\n  a_id int REFERENCES nowhere (id)\n);' });
    expect((await rejectionOf(applyDrizzleMigrations(db.client, noPosition))).message).toBe('0000_fk.sql:4:1: relation "nowhere" does not exist [42P01]');
    const build = await rejectionOf(buildDatabase(testServer(), drizzleSource(dir)));
    expect(build.message).toMatch(/^building source "drizzle" \(drizzle:.*\): 0001_bad\.sql:5:16: type "integr" does not exist/);
  });

  it('refuses a folder without a journal, an unknown tag, a journal entry without its file', async () => {
    db = await scratchDatabase('drizzle');
    expect((await rejectionOf(applyDrizzleMigrations(db.client, folderWith({ 'x.sql': '' })))).message).toMatch(/is not a drizzle-kit migrations folder: neither .*meta\/_journal\.json \(drizzle-kit 0\.x\) nor <YYYYMMDDHHmmss>_<name>\/migration\.sql folders \(drizzle-kit 1\.x\) exist \(run "npx drizzle-kit generate" first\)/);
    const dir = drizzleFolder({ '0000_a': 'SELECT 1;' });
    expect((await rejectionOf(applyDrizzleMigrations(db.client, dir, '0007_nope'))).message).toMatch(/has no migration tagged "0007_nope" \(tags: 0000_a\)/);
    const missing = folderWith({ 'meta/_journal.json': JSON.stringify({ entries: [{ idx: 0, tag: '0000_gone', when: 1, breakpoints: true }] }) });
    expect((await rejectionOf(applyDrizzleMigrations(db.client, missing))).message).toMatch(/lists "0000_gone", but .*0000_gone\.sql does not exist/);
  });

  it('hashes files, tags and journal times, up to the tag', async () => {
    const dir = drizzleFolder({ '0000_a': 'CREATE TABLE a (id int);', '0001_b': 'CREATE TABLE b (id int);' });
    const all = await drizzleSource(dir).hash();
    expect(await drizzleSource(dir, { upTo: '0000_a' }).hash()).not.toBe(all);
    expect(await drizzleSource(drizzleFolder({ '0000_a': 'CREATE TABLE a (id int);', '0001_b': 'CREATE TABLE b (id bigint);' })).hash()).not.toBe(all);
    expect(parseSource(`drizzle:${join(dir)}@0000_a`).spec).toBe(`drizzle:${dir}@0000_a`);
  });
});
