import { afterEach, describe, expect, it } from 'vitest';
import { replayLegacy, selectUnits } from '../../harness/sources/legacy.js';
import { folderWith } from '../support/folders.js';
import { scratchDatabase, type ScratchDatabase } from '../support/scratch.js';

let db: ScratchDatabase | undefined;
afterEach(async () => {
  await db?.drop();
  db = undefined;
});

const view = (n: number) => `-- Up Migration\nCREATE OR REPLACE VIEW v AS SELECT ${n} AS n;\n-- Down Migration\nDROP VIEW v;\n`;

describe('node-pg-migrate folders, read as node-pg-migrate reads them (src/utils/comparators.ts, src/sqlMigration.ts)', () => {
  it('files run by their number (9 before 10), not by name: the view is the one of 10_v.sql, and nothing else', async () => {
    const dir = folderWith({ '9_v.sql': view(9), '10_v.sql': view(10) });
    expect(selectUnits(dir).units.map((u) => u.file)).toEqual(['9_v.sql', '10_v.sql']);
    db = await scratchDatabase('npm');
    await replayLegacy(db.client, dir);
    expect((await db.client.query('SELECT n FROM v')).rows).toEqual([{ n: 10 }]);
  });

  it('a 17-digit prefix is a UTC time (yyyymmddhhmmssSSS), compared with 13-digit millisecond ones; equal numbers by name, digits as numbers', () => {
    const dir = folderWith({
      '1735689600001_b.sql': view(1), // 2025-01-01T00:00:00.001Z
      '20250101000000000_a.sql': view(2), // 2025-01-01T00:00:00.000Z
      '1735689600000_x10.sql': view(3), // the same time as the 17-digit one: then by name
      '1735689600000_x9.sql': view(4),
    });
    expect(selectUnits(dir).units.map((u) => u.file)).toEqual(['1735689600000_x9.sql', '1735689600000_x10.sql', '20250101000000000_a.sql', '1735689600001_b.sql']);
  });

  it('the number is all the digits the name starts with, whatever follows them (node-pg-migrate 9 getNumericPrefix: /^(\\d+)/): 1700000000000-x.sql and 123.sql sort by their numbers', () => {
    const dir = folderWith({ '1700000000000-x.sql': view(1), '1600000000000_y.sql': view(2), '123.sql': view(3), '100_a.sql': view(4) });
    expect(selectUnits(dir).units.map((u) => u.file)).toEqual(['100_a.sql', '123.sql', '1600000000000_y.sql', '1700000000000-x.sql']);
  });

  it('a file without "-- Up Migration" runs whole as its up migration, its "-- Down Migration" part too, as node-pg-migrate runs it; the output says so', async () => {
    const dir = folderWith({
      '1735689600000_a.sql': '-- Up Migration\nCREATE TABLE a (id int);\n-- Down Migration\nDROP TABLE a;\n',
      '1735689600001_b.sql': 'CREATE TABLE b (id int);\n-- Down Migration\nCREATE TABLE b_down_ran (id int);\n',
    });
    expect(selectUnits(dir).units.map((u) => `${u.file}:${u.line} ${JSON.stringify(u.sql)}`)).toEqual([
      '1735689600000_a.sql:1 "-- Up Migration\\nCREATE TABLE a (id int);\\n"',
      '1735689600001_b.sql:1 "CREATE TABLE b (id int);\\n-- Down Migration\\nCREATE TABLE b_down_ran (id int);\\n"',
    ]);
    db = await scratchDatabase('npm');
    const lines: string[] = [];
    await replayLegacy(db.client, dir, { log: (line) => lines.push(line) });
    expect((await db.client.query("SELECT relname FROM pg_class WHERE relname IN ('a', 'b', 'b_down_ran') ORDER BY 1")).rows).toEqual([{ relname: 'a' }, { relname: 'b' }, { relname: 'b_down_ran' }]);
    expect(lines).toEqual(['1735689600001_b.sql: no "-- Up Migration" line: node-pg-migrate runs the whole file as the up migration, the "-- Down Migration" part (line 2) too']);
  });

  it('a down marker before the up marker: the up migration runs from its marker to the end of the file', () => {
    const dir = folderWith({ '1_a.sql': '-- Down Migration\nDROP TABLE a;\n-- Up Migration\nCREATE TABLE a (id int);\n' });
    expect(selectUnits(dir).units.map((u) => `${u.line} ${JSON.stringify(u.sql)}`)).toEqual(['3 "-- Up Migration\\nCREATE TABLE a (id int);\\n"']);
  });

  it('on the search_path its CLI sets (its schema option, public by default): a schema named after the role takes no table, as "$user" would', async () => {
    const dir = folderWith({
      '1_role_schema.sql': '-- Up Migration\nCREATE SCHEMA AUTHORIZATION CURRENT_USER;\nCREATE TABLE t (id int);\n',
      '2_more.sql': '-- Up Migration\nCREATE TABLE u (id int);\n',
    });
    db = await scratchDatabase('npm search path');
    await replayLegacy(db.client, dir);
    const { rows } = await db.client.query("SELECT n.nspname AS schema, c.relname AS name FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relname IN ('t', 'u') ORDER BY 2");
    expect(rows).toEqual([
      { schema: 'public', name: 't' },
      { schema: 'public', name: 'u' },
    ]);
  });

  it('all pending migrations in one transaction, as its CLI runs them by default (singleTransaction): a SET LOCAL in one file reaches the next', async () => {
    db = await scratchDatabase('npm');
    const dir = folderWith({
      '1735689600000_a.sql': '-- Up Migration\nCREATE SCHEMA app;\nSET LOCAL search_path = app;\n',
      '1735689600001_b.sql': '-- Up Migration\nCREATE TABLE t (id int);\n',
    });
    await replayLegacy(db.client, dir);
    expect((await db.client.query("SELECT relnamespace::regnamespace::text AS schema FROM pg_class WHERE relname = 't'")).rows).toEqual([{ schema: 'app' }]);
    // and what cannot run in a transaction fails there, as it does under node-pg-migrate
    const concurrently = folderWith({ '1735689600000_a.sql': '-- Up Migration\nCREATE TABLE c (x int);\n', '1735689600001_b.sql': '-- Up Migration\n\nCREATE INDEX CONCURRENTLY ci ON c (x);\n' });
    await expect(replayLegacy(db.client, concurrently)).rejects.toThrow(/^1735689600001_b\.sql:3:1: CREATE INDEX CONCURRENTLY cannot run inside a transaction block \[25001\].*node-pg-migrate runs all pending migrations in one transaction/);
    expect((await db.client.query("SELECT to_regclass('c') AS c")).rows).toEqual([{ c: null }]);
  });
});
