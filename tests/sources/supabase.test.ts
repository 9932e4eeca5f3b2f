import { afterEach, describe, expect, it } from 'vitest';
import { replayLegacy, selectUnits } from '../../harness/sources/legacy.js';
import { folderWith } from '../support/folders.js';
import { scratchDatabase, type ScratchDatabase } from '../support/scratch.js';

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
