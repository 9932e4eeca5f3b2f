import { afterEach, describe, expect, it } from 'vitest';
import { replayLegacy } from '../../harness/sources/legacy.js';
import { folderWith } from '../support/folders.js';
import { scratchDatabase, type ScratchDatabase } from '../support/scratch.js';

let db: ScratchDatabase | undefined;
afterEach(async () => {
  await db?.drop();
  db = undefined;
});

const TABLE = '001_t.sql';
const files = (second: string) => folderWith({ [TABLE]: 'CREATE TABLE t (a int, b int);\n', '002_maintenance.sql': second });

describe('statements that cannot run in a transaction block', () => {
  it('a plain file holding them runs statement by statement outside a transaction, and the progress says so', async () => {
    db = await scratchDatabase('notx');
    const lines: string[] = [];
    const dir = files("-- nightly maintenance, as production ran it\nCREATE INDEX CONCURRENTLY t_a ON t (a);\nVACUUM (ANALYZE) t;\nCOMMENT ON TABLE t IS 'maintained; twice';\n");
    await replayLegacy(db.client, dir, { log: (line) => lines.push(line) });
    expect(lines).toEqual(['002_maintenance.sql: statement by statement, not wrapped in a transaction (CREATE INDEX CONCURRENTLY at line 2)']);
    const { rows } = await db.client.query("SELECT indexrelid::regclass::text AS i, obj_description('t'::regclass) AS c FROM pg_index WHERE indrelid = 't'::regclass");
    expect(rows).toEqual([{ i: 't_a', c: 'maintained; twice' }]);
    expect((await db.client.query('SELECT version::int AS v FROM schema_migrations ORDER BY 1')).rows).toEqual([{ v: 1 }, { v: 2 }]);
  });

  it('a failure there names file:line:column in the file; the statements before it stay, as they did in production', async () => {
    db = await scratchDatabase('notx');
    const dir = files('CREATE INDEX CONCURRENTLY t_a ON t (a);\n\nCREATE INDEX CONCURRENTLY t_c\n  ON t ((a::nosuch));\n');
    await expect(replayLegacy(db.client, dir)).rejects.toThrow('002_maintenance.sql:4:13: type "nosuch" does not exist [42704]');
    expect((await db.client.query("SELECT relname FROM pg_class WHERE relname IN ('t_a', 't_c') ORDER BY 1")).rows).toEqual([{ relname: 't_a' }]);
    expect((await db.client.query('SELECT version::int AS v FROM schema_migrations')).rows).toEqual([{ v: 1 }]);
  });

  it('an error the server gives without a position names the statement’s first line', async () => {
    db = await scratchDatabase('notx');
    const dir = files('VACUUM t;\n\n  VACUUM nowhere;\n');
    await expect(replayLegacy(db.client, dir)).rejects.toThrow('002_maintenance.sql:3:3: relation "nowhere" does not exist [42P01]');
  });
});

describe('a file sent as one query (golang-migrate, Prisma, dbmate transaction:false)', () => {
  it('a failure without a position in a lone CONCURRENTLY statement names it, with the server’s own error', async () => {
    db = await scratchDatabase('notx');
    const dir = folderWith({ '000001_t.up.sql': 'CREATE TABLE t (a int);\n', '000002_idx.up.sql': '-- an index\nCREATE INDEX CONCURRENTLY t_b ON nowhere (b);\n' });
    await expect(replayLegacy(db.client, dir)).rejects.toThrow(/^000002_idx\.up\.sql:2:1: relation "nowhere" does not exist \[42P01\]$/);
  });
});
