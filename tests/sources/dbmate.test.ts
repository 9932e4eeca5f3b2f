import { afterEach, describe, expect, it } from 'vitest';
import { replayLegacy, selectUnits } from '../../harness/sources/legacy.js';
import { folderWith } from '../support/folders.js';
import { scratchDatabase, type ScratchDatabase } from '../support/scratch.js';

let db: ScratchDatabase | undefined;
afterEach(async () => {
  await db?.drop();
  db = undefined;
});

const view = (n: number) => `-- migrate:up\nCREATE OR REPLACE VIEW v AS SELECT ${n} AS n;\n\n-- migrate:down\nDROP VIEW v;\n`;

describe('dbmate folders, read as dbmate reads them (pkg/dbmate/db.go, migration.go)', () => {
  it('files run in file-name order, compared as strings (10_ before 2_): the view is the one of 2_view.sql, and nothing else', async () => {
    const dir = folderWith({ '1_view.sql': view(1), '2_view.sql': view(2), '10_view.sql': view(10) });
    expect(selectUnits(dir).units.map((u) => `${u.file} ${u.version}`)).toEqual(['10_view.sql 10', '1_view.sql 1', '2_view.sql 2']);
    db = await scratchDatabase('dbmate');
    await replayLegacy(db.client, dir);
    expect((await db.client.query('SELECT n FROM v')).rows).toEqual([{ n: 2 }]);
  });

  it('versions are strings: 001_a.sql and 1_b.sql are two versions; any name after the digits is one (20250101000000-a.sql)', () => {
    const dir = folderWith({ '001_a.sql': view(1), '1_b.sql': view(2), '20250101000000-a.sql': view(3) });
    expect(selectUnits(dir).units.map((u) => `${u.file} ${u.version}`)).toEqual(['001_a.sql 001', '1_b.sql 1', '20250101000000-a.sql 20250101000000']);
  });

  it('two files with the very same version are refused: dbmate fails on the second', () => {
    const dir = folderWith({ '1_a.sql': view(1), '10_x.sql': view(10), '1.sql': view(2) });
    expect(() => selectUnits(dir)).toThrow(`${dir}: version 1 is used twice (1.sql and 1_a.sql): dbmate fails on the second; renumber one of them`);
  });

  it('a .sql file without a version is skipped, as dbmate skips it, and the output says so', async () => {
    const dir = folderWith({ '1_a.sql': view(1), 'notes.sql': 'DROP SCHEMA public CASCADE;' });
    expect(selectUnits(dir).units.map((u) => u.file)).toEqual(['1_a.sql']);
    db = await scratchDatabase('dbmate');
    const lines: string[] = [];
    await replayLegacy(db.client, dir, { log: (line) => lines.push(line) });
    expect(lines).toEqual(['notes.sql: skipped: dbmate runs only files whose name starts with the version (<version>_<name>.sql)']);
  });

  // dbmate records the version after each section: the second fails on the duplicate key and
  // dbmate stops; run again, it skips the file (real-tools.test.ts runs the real dbmate so)
  it('of a file with several up sections, the first runs, the second only if it ran outside a transaction (it stays after dbmate fails), never the rest; the output says so', async () => {
    const section = (directive: string, sql: string) => [`-- migrate:up${directive}`, sql, '', '-- migrate:down', '', ''];
    const dir = folderWith({
      '20250101000000_users.sql': [...section('', 'CREATE TABLE users (id serial PRIMARY KEY);'), ...section(' transaction:false', 'ALTER TABLE users ADD COLUMN email varchar;'), ...section('', 'ALTER TABLE users ADD COLUMN never int;')].join('\n'),
      '20250102000000_rolled_back.sql': [...section('', 'CREATE TABLE things (id int);'), ...section('', 'ALTER TABLE things ADD COLUMN never int;')].join('\n'),
    });
    expect(selectUnits(dir).units.map((u) => `${u.file}:${u.line} ${u.transaction}`)).toEqual([
      '20250101000000_users.sql:1 file',
      '20250101000000_users.sql:7 implicit',
      '20250102000000_rolled_back.sql:1 file',
    ]);
    db = await scratchDatabase('dbmate');
    const lines: string[] = [];
    await replayLegacy(db.client, dir, { log: (line) => lines.push(line) });
    const columns = await db.client.query("SELECT attrelid::regclass::text AS t, attname FROM pg_attribute WHERE attrelid IN ('users'::regclass, 'things'::regclass) AND attnum > 0 ORDER BY 1, attnum");
    expect(columns.rows.map((r) => `${r.t}.${r.attname}`)).toEqual(['things.id', 'users.id', 'users.email']);
    expect(lines).toEqual([
      '20250101000000_users.sql: 3 up sections: dbmate records the version after each, fails on the second\'s duplicate key in schema_migrations (dbmate issue #820) and stops; section 2 (line 7, transaction:false) stays, run again, it skips the file, so the section at line 13 never runs, here as with dbmate',
      '20250101000000_users.sql: sent as one query, not in a transaction block (-- migrate:up transaction:false)',
      '20250102000000_rolled_back.sql: 2 up sections: dbmate records the version after each, fails on the second\'s duplicate key in schema_migrations (dbmate issue #820) and stops; run again, it skips the file, so the section at line 7 never runs, here as with dbmate',
    ]);
  });

  it('a section without its "-- migrate:down" is refused, as dbmate 2.0 and later refuse it, naming the line and what to add', () => {
    const one = folderWith({ '20250101000000_a.sql': '-- migrate:up\nCREATE TABLE a (id int);\n' });
    expect(() => selectUnits(one)).toThrow('20250101000000_a.sql:1: this "-- migrate:up" has no "-- migrate:down" after it: dbmate 2.0 and later refuse the file. Add a "-- migrate:down" line (an empty down section is fine).');
    const second = folderWith({ '1_a.sql': '-- migrate:up\nSELECT 1;\n-- migrate:down\n\n-- migrate:up\nSELECT 2;\n' });
    expect(() => selectUnits(second)).toThrow('1_a.sql:5: this "-- migrate:up" has no "-- migrate:down" after it');
    const twice = folderWith({ '1_a.sql': '-- migrate:up\nSELECT 1;\n-- migrate:down\n-- migrate:down\n' });
    expect(() => selectUnits(twice)).toThrow('1_a.sql:4: a second "-- migrate:down" without its own "-- migrate:up" (dbmate refuses this file too)');
  });
});
