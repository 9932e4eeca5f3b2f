import { afterEach, describe, expect, it } from 'vitest';
import { replayLegacy, selectUnits } from '../../harness/sources/legacy.js';
import { folderWith } from '../support/folders.js';
import { scratchDatabase, type ScratchDatabase } from '../support/scratch.js';

let db: ScratchDatabase | undefined;
afterEach(async () => {
  await db?.drop();
  db = undefined;
});

describe('Prisma Migrate, as `prisma migrate deploy` runs a folder', () => {
  it('folders in the order of localeCompare, as the CLI lists them (listMigrations.ts): `_add` before `_Bar`, where byte order puts `_Bar` first', async () => {
    db = await scratchDatabase('prisma');
    const dir = folderWith({
      'migration_lock.toml': 'provider = "postgresql"\n',
      '20250101000000_Bar/migration.sql': 'ALTER TABLE t ADD COLUMN b int;\n',
      '20250101000000_add/migration.sql': 'CREATE TABLE t (a int);\n',
    });
    expect(selectUnits(dir).units.map((u) => u.file)).toEqual(['20250101000000_add/migration.sql', '20250101000000_Bar/migration.sql']);
    await replayLegacy(db.client, dir);
    expect((await db.client.query("SELECT string_agg(attname, ',' ORDER BY attnum) AS columns FROM pg_attribute WHERE attrelid = 't'::regclass AND attnum > 0")).rows).toEqual([{ columns: 'a,b' }]);
  });

  it('a script that leaves a search_path without public is refused: Prisma records it in "_prisma_migrations", unqualified, and fails there', async () => {
    db = await scratchDatabase('prisma');
    const dir = folderWith({
      'migration_lock.toml': 'provider = "postgresql"\n',
      '20250101000000_a/migration.sql': 'CREATE SCHEMA app;\nSET search_path TO app;\nCREATE TABLE inside (id int);\n',
      '20250102000000_b/migration.sql': 'CREATE TABLE never (id int);\n',
    });
    await expect(replayLegacy(db.client, dir)).rejects.toThrow(
      '20250101000000_a/migration.sql: leaves search_path = app, without public on it, where prisma made its table _prisma_migrations: prisma records each migration in "_prisma_migrations", named without its schema, right after the migration, and fails there (relation "_prisma_migrations" does not exist): the tool stops at this file. Set the search_path back at its end (RESET search_path), or qualify the names instead.',
    );
    // the script itself committed, as in production; the next never ran
    expect((await db.client.query("SELECT to_regclass('app.inside') IS NOT NULL AS inside, to_regclass('public.never') AS never")).rows).toEqual([{ inside: true, never: null }]);
  });
});
