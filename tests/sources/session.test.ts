import { afterEach, describe, expect, it } from 'vitest';
import { replayLegacy } from '../../harness/sources/legacy.js';
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
