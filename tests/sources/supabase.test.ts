import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { withClient } from '../../harness/server/connect.js';
import { replayLegacy, selectUnits } from '../../harness/sources/legacy.js';
import { folderWith } from '../support/folders.js';
import { scratchDatabase, testServer, type ScratchDatabase } from '../support/scratch.js';

let db: ScratchDatabase | undefined;
afterEach(async () => {
  await db?.drop();
  db = undefined;
});

describe('a supabase/migrations folder holds what the Supabase CLI applies (pkg/migration/list.go)', () => {
  it('only <digits>_<name>.sql files run; the others are skipped, and the output names each and why', async () => {
    const root = folderWith({
      'supabase/migrations/20250101000000_a.sql': 'CREATE TABLE a (id int);',
      'supabase/migrations/20250102000000-b.sql': 'CREATE TABLE skipped_dash (id int);',
      'supabase/migrations/20250103000000.sql': 'CREATE TABLE skipped_no_name (id int);',
      'supabase/migrations/README.md': 'notes',
      'supabase/migrations/drafts/20250104000000_d.sql': 'CREATE TABLE draft (id int);',
    });
    const dir = `${root}/supabase/migrations`;
    const { format, units } = selectUnits(dir);
    expect([format.name, ...units.map((u) => u.file)]).toEqual(['plain', '20250101000000_a.sql']);
    db = await scratchDatabase('supabase');
    const lines: string[] = [];
    await replayLegacy(db.client, dir, { log: (line) => lines.push(line) });
    expect(lines).toEqual([
      '20250102000000-b.sql: skipped: the Supabase CLI applies only files named <timestamp>_<name>.sql',
      '20250103000000.sql: skipped: the Supabase CLI applies only files named <timestamp>_<name>.sql',
      'README.md: skipped: the Supabase CLI applies only files named <timestamp>_<name>.sql',
    ]);
    expect((await db.client.query("SELECT relname FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace AND relname <> 'schema_migrations'")).rows).toEqual([{ relname: 'a' }]);
  });

  it('a first file <ts>_init.sql older than 2021-12-09 is an old CLI’s dump, skipped; a later one runs', () => {
    const old = folderWith({ 'supabase/migrations/20211208000000_init.sql': 'SELECT 1;', 'supabase/migrations/20211210000000_a.sql': 'SELECT 2;' });
    expect(selectUnits(`${old}/supabase/migrations`).units.map((u) => u.file)).toEqual(['20211210000000_a.sql']);
    const later = folderWith({ 'supabase/migrations/20211209000000_init.sql': 'SELECT 1;' });
    expect(selectUnits(`${later}/supabase/migrations`).units.map((u) => u.file)).toEqual(['20211209000000_init.sql']);
  });

  it('a folder elsewhere stays plain: a file without a version is refused, not skipped', () => {
    const dir = folderWith({ '20250101000000_a.sql': 'SELECT 1;', 'notes.sql': 'SELECT 2;' });
    expect(() => selectUnits(dir)).toThrow(`${dir}/notes.sql: no version in the file name.`);
  });
});

/** A `supabase/migrations` folder holding `files`. */
function supabaseFolder(files: Record<string, string>): string {
  const root = folderWith(Object.fromEntries(Object.entries(files).map(([name, sql]) => [`supabase/migrations/${name}`, sql])));
  return `${root}/supabase/migrations`;
}

describe('the Supabase CLI runs every file on one connection, RESET ALL before each (pkg/migration/apply.go)', () => {
  it('a SET does not reach the next file, a temporary table does', async () => {
    db = await scratchDatabase('supabase');
    const dir = supabaseFolder({
      '20250101000000_a.sql': "CREATE SCHEMA app;\nSET search_path TO app;\nCREATE TEMP TABLE names (n text);\nINSERT INTO names VALUES ('x');\n",
      '20250102000000_b.sql': 'CREATE TABLE t AS SELECT n FROM names;\n',
    });
    await replayLegacy(db.client, dir);
    expect((await db.client.query("SELECT relnamespace::regnamespace::text AS schema FROM pg_class WHERE relname = 't'")).rows).toEqual([{ schema: 'public' }]);
    expect((await db.client.query('SELECT n FROM public.t')).rows).toEqual([{ n: 'x' }]);
    // the session is reset after the replay either way
    expect((await db.client.query("SELECT to_regclass('pg_temp.names') AS names")).rows).toEqual([{ names: null }]);
  });

  // RESET ALL leaves the role as it is: the server's own behaviour, checked here
  it.skipIf(testServer().provider === 'url')('a SET ROLE reaches the next file: its tables belong to that role', async () => {
    const role = `parity_owner_${Math.random().toString(36).slice(2, 8)}`;
    await withClient(testServer().adminUrl, (c) => c.query(`CREATE ROLE ${role} SUPERUSER NOLOGIN`));
    onTestFinished(() => withClient(testServer().adminUrl, (c) => c.query(`DROP ROLE IF EXISTS ${role}`)).then(() => {}));
    const local = await scratchDatabase('supabase');
    try {
      const dir = supabaseFolder({ '20250101000000_a.sql': `SET ROLE ${role};\n`, '20250102000000_b.sql': 'CREATE TABLE owned (id int);\n' });
      await replayLegacy(local.client, dir);
      expect((await local.client.query("SELECT pg_get_userbyid(relowner) AS owner FROM pg_class WHERE relname = 'owned'")).rows).toEqual([{ owner: role }]);
      expect((await local.client.query('SELECT current_user = session_user AS reset')).rows).toEqual([{ reset: true }]);
    } finally {
      await local.drop();
    }
  });
});

describe('a statement the Supabase CLI runs on its own (apps/cli/src/legacy/shared/legacy-migration-apply.ts)', () => {
  it('ends the file’s transaction before it and starts one after it: a SET LOCAL after it holds for the rest of the file', async () => {
    db = await scratchDatabase('supabase');
    const lines: string[] = [];
    const dir = supabaseFolder({
      '20250101000000_a.sql': 'CREATE SCHEMA app;\nCREATE TABLE public.t (id int);\nCREATE INDEX CONCURRENTLY t_id ON public.t (id);\nSET LOCAL search_path TO app;\nCREATE TABLE inside (id int);\n',
    });
    await replayLegacy(db.client, dir, { log: (line) => lines.push(line) });
    expect(lines).toEqual(['20250101000000_a.sql: CREATE INDEX CONCURRENTLY at line 3 outside a transaction, the statements before and after in one each, as the Supabase CLI runs them']);
    expect((await db.client.query("SELECT relnamespace::regnamespace::text AS schema FROM pg_class WHERE relname = 'inside'")).rows).toEqual([{ schema: 'app' }]);
    expect((await db.client.query("SELECT to_regclass('public.t_id') IS NOT NULL AS indexed")).rows).toEqual([{ indexed: true }]);
    expect((await db.client.query('SELECT version::text AS v FROM public.schema_migrations')).rows).toEqual([{ v: '20250101000000' }]);
  });

  it('a failure after it rolls back the statements of its own transaction; what committed before stays, unrecorded', async () => {
    db = await scratchDatabase('supabase');
    const dir = supabaseFolder({ '20250101000000_a.sql': 'CREATE TABLE u (id int);\nCREATE INDEX CONCURRENTLY u_id ON u (id);\nCREATE TABLE v (id int);\nSELECT 1/0;\n' });
    await expect(replayLegacy(db.client, dir)).rejects.toThrow('20250101000000_a.sql:4:1: division by zero [22012]');
    expect((await db.client.query("SELECT to_regclass('u') IS NOT NULL AS u, to_regclass('u_id') IS NOT NULL AS u_id, to_regclass('v') AS v")).rows).toEqual([{ u: true, u_id: true, v: null }]);
    expect((await db.client.query('SELECT count(*)::int AS n FROM public.schema_migrations')).rows).toEqual([{ n: 0 }]);
  });

  it('one it runs in the file’s transaction, where the server refuses it, is refused with its file:line', () => {
    const dir = supabaseFolder({ '20250101000000_a.sql': 'CREATE TABLE a (id int);\nCREATE DATABASE elsewhere;\n' });
    expect(() => selectUnits(dir)).toThrow("20250101000000_a.sql:2: CREATE DATABASE cannot run in a transaction, and the Supabase CLI runs it in the file's transaction (it fails on this file too): run it outside the migrations");
  });
});

describe('a file of another tool in a supabase/migrations folder', () => {
  it('a down section is refused saying that the Supabase CLI would run it, not only "read the folder as goose"', () => {
    const dir = supabaseFolder({
      '20250101000000_a.sql': 'CREATE TABLE a (id int);\n',
      '20250102000000_b.sql': '-- +goose Up\nCREATE TABLE b (id int);\n\n-- +goose Down\nDROP TABLE b;\n',
    });
    const refusal = '20250102000000_b.sql:4: "-- +goose Down" starts a goose down section, and the Supabase CLI applies the whole file, this section too: remove the section from the file (keep it elsewhere, outside supabase/migrations); if goose, not the Supabase CLI, applies this folder, read it as goose (legacy:<dir>?format=goose)';
    expect(() => selectUnits(dir, { format: 'plain' })).toThrow(refusal);
    // detected so too: supabase/migrations is the Supabase CLI's folder, whatever markers one file holds (not read as goose)
    expect(() => selectUnits(dir)).toThrow(refusal);
  });
});
