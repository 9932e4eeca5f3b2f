import { afterEach, describe, expect, it } from 'vitest';
import { withClient } from '../../harness/server/connect.js';
import { buildDatabase } from '../../harness/sources/build.js';
import { legacySource, replayLegacy } from '../../harness/sources/legacy.js';
import { parseSource } from '../../harness/sources/parse.js';
import { folderWith } from '../support/folders.js';
import { rejectionOf } from '../support/errors.js';
import { scratchDatabase, testServer, type ScratchDatabase } from '../support/scratch.js';

/** Ten small migrations; each creates table t<N>. */
function chain(overrides: Record<string, string> = {}): string {
  const files: Record<string, string> = {};
  for (let i = 1; i <= 10; i++) {
    const v = String(i).padStart(3, '0');
    files[`${v}_create_t${i}.sql`] = `-- migration ${i}\nCREATE TABLE t${i} (id int PRIMARY KEY);\n`;
  }
  return folderWith({ ...files, ...overrides });
}

let db: ScratchDatabase | undefined;
afterEach(async () => {
  await db?.drop();
  db = undefined;
});

async function tables(): Promise<string[]> {
  const { rows } = await db!.client.query<{ t: string }>(`SELECT relname AS t FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace ORDER BY relname`);
  return rows.map((r) => r.t);
}

async function recorded(): Promise<string[]> {
  const { rows } = await db!.client.query<{ v: string; name: string }>('SELECT version::text AS v, name FROM schema_migrations ORDER BY version');
  return rows.map((r) => `${r.v}:${r.name}`);
}

describe('legacy replay', () => {
  it('applies every file in version order and records schema_migrations (version, name, applied_at)', async () => {
    db = await scratchDatabase('legacy');
    await replayLegacy(db.client, chain());
    expect(await tables()).toEqual(['schema_migrations', ...Array.from({ length: 10 }, (_, i) => `t${i + 1}`).sort()]);
    expect(await recorded()).toEqual(Array.from({ length: 10 }, (_, i) => `${i + 1}:create_t${i + 1}`));
    const { rows } = await db.client.query(`SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_name = 'schema_migrations' ORDER BY ordinal_position`);
    expect(rows).toEqual([
      { column_name: 'version', data_type: 'bigint', is_nullable: 'NO' },
      { column_name: 'name', data_type: 'text', is_nullable: 'NO' },
      { column_name: 'applied_at', data_type: 'timestamp with time zone', is_nullable: 'NO' },
    ]);
    const sequences = await db.client.query('SELECT 1 FROM pg_class WHERE relkind = $1', ['S']);
    expect(sequences.rowCount).toBe(0);
  });

  it('replays up to a given version', async () => {
    db = await scratchDatabase('legacy');
    await replayLegacy(db.client, chain(), { upTo: 4n });
    expect(await recorded()).toEqual(['1:create_t1', '2:create_t2', '3:create_t3', '4:create_t4']);
    await expect(replayLegacy(db.client, chain(), { upTo: 42n })).rejects.toThrow(/has no migration with version 42 \(versions 1–10\)/);
  });

  it('stops at a syntax error in migration 7 with file, line and column; nothing of 7 or after is applied', async () => {
    db = await scratchDatabase('legacy');
    const dir = chain({
      '007_create_t7.sql': '-- migration 7\nCREATE TABLE t7 (id int PRIMARY KEY);\nALTER TABLE t7\n  ADD COLUMN name txet NOT NULL;\nCREATE TABLE t7b (id int);\n',
    });
    const error = await rejectionOf(replayLegacy(db.client, dir));
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe('007_create_t7.sql:4:19: type "txet" does not exist [42704]');
    expect(await recorded()).toEqual(Array.from({ length: 6 }, (_, i) => `${i + 1}:create_t${i + 1}`));
    expect(await tables()).not.toContain('t7');
    expect(await tables()).not.toContain('t8');
  });

  it('reports the line of a parse error deep in a file, and the context of an error inside a function', async () => {
    db = await scratchDatabase('legacy');
    const dir = folderWith({
      '001_a.sql': 'CREATE TABLE a (id int);\n\n\nSELEC 1;\n',
    });
    await expect(replayLegacy(db.client, dir)).rejects.toThrow(/^001_a\.sql:4:1: syntax error at or near "SELEC"/);
    const fn = folderWith({
      '001_f.sql': "CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$\nBEGIN\n  RETURN 1 / 0;\nEND $$;\nSELECT f();\n",
    });
    await expect(replayLegacy(db.client, fn)).rejects.toThrow(/^001_f\.sql:5:1: division by zero \[22012\] \(where: SQL expression \"1 \/ 0\"; PL\/pgSQL function f\(\) line 3 at RETURN\)/);
  });

  it('an error the server gives without a position names the first line of the failing statement', async () => {
    db = await scratchDatabase('legacy');
    const dir = folderWith({ '001_a.sql': 'CREATE TABLE a (id int);\n\n-- the reference is missing\nCREATE TABLE b (\n  a_id int REFERENCES nowhere (id)\n);\n' });
    await expect(replayLegacy(db.client, dir)).rejects.toThrow(/^001_a\.sql:4:1: relation "nowhere" does not exist \[42P01\]$/);
    expect((await db.client.query("SELECT to_regclass('a') AS a")).rows).toEqual([{ a: null }]);
  });

  it('a build wraps the error with the source name and drops the half-built database', async () => {
    const server = testServer();
    const dir = chain({ '003_create_t3.sql': 'CREATE TABLE t3 (id int REFERENCES nowhere(id));' });
    // a label of its own: other test files create and drop databases at the same time
    const label = `halfbuilt ${Math.random().toString(36).slice(2, 8)}`;
    const source = legacySource(dir, { label });
    const error = await rejectionOf(buildDatabase(server, source));
    expect(error.message).toMatch(new RegExp(`^building source "${label}" \\(legacy:${dir}\\): 003_create_t3\\.sql:1:1: relation "nowhere" does not exist`));
    expect((await databaseNames()).filter((name) => name.startsWith(`parity_${label.replace(' ', '_')}`))).toEqual([]);
  });

  it('hashes what decides the result: file contents, names and the version bound', async () => {
    const dir = chain();
    const a = await legacySource(dir).hash();
    expect(await legacySource(dir).hash()).toBe(a);
    expect(await legacySource(dir, { upTo: 9n }).hash()).not.toBe(a);
    const edited = chain({ '005_create_t5.sql': '-- migration 5 \nCREATE TABLE t5 (id int PRIMARY KEY);\n' });
    expect(await legacySource(edited).hash()).not.toBe(a);
  });

  it('parses source specs', () => {
    const legacy = parseSource('legacy:migrations-legacy@7', '/repo');
    // the spec stays as the user wrote it (for messages); the folder is resolved from cwd
    expect(legacy.spec).toBe('legacy:migrations-legacy@7');
    expect(legacy.kind === 'legacy' && legacy.hash).toBeTruthy();
    const url = parseSource('url:postgres://u:s3cret@h/db');
    expect(url).toEqual({ kind: 'url', spec: 'url:postgres://u:***@h/db', label: 'url', url: 'postgres://u:s3cret@h/db' });
    expect(() => parseSource('legacy:dir@7;x')).toThrow(/"@7;x" is not a version \(e\.g\. legacy:migrations-legacy@7/);
    expect(() => parseSource('legacy:dir?format=liquibase')).toThrow('source "legacy:dir?format=liquibase": format "liquibase" is not one of: plain, atlas, dbmate, goose, golang-migrate, node-pg-migrate, flyway, prisma, sqitch');
    expect(parseSource('legacy:db@1.1?format=flyway', '/repo').spec).toBe('legacy:db@1.1?format=flyway');
    expect(() => parseSource('mysql:x')).toThrow(/source "mysql:x" is not one of: legacy:<dir>\[@<version>\]\[\?format=<tool>\], drizzle:<dir>\[@<tag>\], schema:<file.ts>, dump:<file.sql>, url:<postgres url>, snapshot:<file.json>/);
  });
});

function databaseNames(): Promise<string[]> {
  return withClient(testServer().adminUrl, async (c) => (await c.query<{ d: string }>('SELECT datname AS d FROM pg_database ORDER BY 1')).rows.map((r) => r.d));
}
