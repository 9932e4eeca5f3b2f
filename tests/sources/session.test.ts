import { afterEach, describe, expect, it } from 'vitest';
import { FORMATS } from '../../harness/sources/formats/index.js';
import { replayLegacy, selectUnits } from '../../harness/sources/legacy.js';
import { folderWith } from '../support/folders.js';
import { scratchDatabase, type ScratchDatabase } from '../support/scratch.js';

let db: ScratchDatabase | undefined;
afterEach(async () => {
  await db?.drop();
  db = undefined;
});

describe('each file runs as psql runs it: in a fresh session, and the runner does not depend on the session', () => {
  it('a migration that empties the search_path (pg_dump’s preamble) applies and is recorded', async () => {
    db = await scratchDatabase('session');
    const dir = folderWith({
      '001_dumped.sql': "SELECT pg_catalog.set_config('search_path', '', false);\nCREATE TABLE public.a (id integer);\n",
      '002_after.sql': 'CREATE TABLE b (id integer);\n',
    });
    await replayLegacy(db.client, dir);
    const { rows } = await db.client.query('SELECT version::int AS v FROM public.schema_migrations ORDER BY 1');
    expect(rows).toEqual([{ v: 1 }, { v: 2 }]);
  });

  it('a SET in one file does not reach the next', async () => {
    db = await scratchDatabase('session');
    const dir = folderWith({
      '001_schema.sql': 'CREATE SCHEMA app;\nSET search_path = app;\nCREATE TABLE inside (id int);\n',
      '002_next.sql': 'CREATE TABLE outside (id int);\n',
      '003_read_only.sql': 'SET default_transaction_read_only = on;\n',
      '004_last.sql': 'CREATE TABLE last (id int);\n',
    });
    await replayLegacy(db.client, dir);
    const { rows } = await db.client.query("SELECT relnamespace::regnamespace::text || '.' || relname AS t FROM pg_class WHERE relname IN ('inside', 'outside', 'last') ORDER BY 1");
    expect(rows.map((r) => r.t)).toEqual(['app.inside', 'public.last', 'public.outside']);
  });

  it('a file that leaves its own transaction open is refused: psql would roll it back at the end of the file', async () => {
    db = await scratchDatabase('session');
    const dir = folderWith({ 'sqitch.plan': '%project=x\na 2025-01-01T00:00:00Z A <a@x>\n', 'deploy/a.sql': 'BEGIN;\nCREATE TABLE a (id int);\n' });
    await expect(replayLegacy(db.client, dir)).rejects.toThrow('deploy/a.sql: leaves a transaction open (a BEGIN without its COMMIT): psql would end the session and the server would roll the work back. Add the COMMIT.');
    expect((await db.client.query("SELECT to_regclass('a') AS a")).rows).toEqual([{ a: null }]);
  });
});

// File 1 moves the search_path; where file 2's table lands shows whether the setting reached it.
const SCHEMA = 'CREATE SCHEMA app;\nSET search_path TO app;\n';
// Prisma and goose record each migration in their table, unqualified, on their one connection: public must stay on the path (prisma.test.ts)
const SCHEMA_AND_PUBLIC = 'CREATE SCHEMA app;\nSET search_path TO app, public;\n';
const TABLE = 'CREATE TABLE t (id int);\n';
const PLAN = '%project=x\na 2025-01-01T00:00:00Z A <a@x>\nb 2025-01-01T00:00:01Z A <a@x>\n';

/** Each format: a two-file folder, and the schema file 2's table lands in when its tool runs it. */
const SESSIONS: Array<[format: string, schema: string, files: Record<string, string>]> = [
  ['plain', 'public', { '001_a.sql': SCHEMA, '002_b.sql': TABLE }],
  ['atlas', 'public', { 'atlas.sum': 'h1:x=\n', '001_a.sql': SCHEMA, '002_b.sql': TABLE }],
  ['sqitch', 'public', { 'sqitch.plan': PLAN, 'deploy/a.sql': SCHEMA, 'deploy/b.sql': TABLE }],
  ['flyway', 'public', { 'V1__a.sql': SCHEMA, 'V2__b.sql': TABLE }],
  ['prisma', 'app', { 'migration_lock.toml': '', '20250101000000_a/migration.sql': SCHEMA_AND_PUBLIC, '20250102000000_b/migration.sql': TABLE }],
  ['golang-migrate', 'app', { '1_a.up.sql': SCHEMA, '2_b.up.sql': TABLE }],
  ['node-pg-migrate', 'app', { '1735689600000_a.sql': `-- Up Migration\n${SCHEMA}`, '1735689600001_b.sql': `-- Up Migration\n${TABLE}` }],
  // goose records each migration in "goose_db_version", unqualified, in its transaction: public must stay on the path
  ['goose', 'app', { '00001_a.sql': `-- +goose Up\n${SCHEMA_AND_PUBLIC}`, '00002_b.sql': `-- +goose Up\n${TABLE}` }],
  // dbmate records it in schema_migrations of the current schema: no file can leave another schema
  // first (refused, as the real dbmate fails: real-tools.test.ts, which shows its one connection with a view)
  ['dbmate', 'public', { '001_a.sql': `-- migrate:up\nCREATE SCHEMA app;\nSET search_path TO public, app;\n-- migrate:down\n`, '002_b.sql': `-- migrate:up\n${TABLE}-- migrate:down\n` }],
];

describe('whether a SET in one file reaches the next is the tool’s: psql starts a session per file, the others keep one connection', () => {
  it('every format declares it', () => {
    expect(Object.keys(FORMATS).sort()).toEqual(SESSIONS.map(([format]) => format).sort());
  });

  it.each(SESSIONS)('%s: file 2’s table lands in %s, as with the tool, and the session is reset after the replay', async (format, schema, files) => {
    db = await scratchDatabase('session');
    const dir = folderWith(files);
    expect(selectUnits(dir).format.name).toBe(format);
    await replayLegacy(db.client, dir);
    const { rows } = await db.client.query("SELECT relnamespace::regnamespace::text AS schema FROM pg_class WHERE relname = 't'");
    expect(rows).toEqual([{ schema }]);
    expect((await db.client.query('SHOW search_path')).rows).toEqual([{ search_path: '"$user", public' }]);
  });

  it('one connection: a file that leaves its own transaction open is still refused', async () => {
    db = await scratchDatabase('session');
    const dir = folderWith({ '1_a.up.sql': 'BEGIN;\nCREATE TABLE a (id int);\n', '2_b.up.sql': TABLE });
    await expect(replayLegacy(db.client, dir)).rejects.toThrow('1_a.up.sql: leaves a transaction open (a BEGIN without its COMMIT): the tool would go on inside it, and the server would roll it back at the end. Add the COMMIT.');
    expect((await db.client.query("SELECT to_regclass('a') AS a, to_regclass('t') AS t")).rows).toEqual([{ a: null, t: null }]);
    const last = folderWith({ '1_a.up.sql': TABLE, '2_b.up.sql': 'BEGIN;\nCREATE TABLE b (id int);\n' });
    await expect(replayLegacy(db.client, last)).rejects.toThrow('2_b.up.sql: leaves a transaction open (a BEGIN without its COMMIT): the tool would go on inside it, and the server would roll it back at the end. Add the COMMIT.');
  });
});
