import { describe, expect, it } from 'vitest';
import { listMigrations, parseMigrationFileName } from '../../harness/sources/migration-files.js';
import { folderWith } from '../support/folders.js';

describe('migration file names', () => {
  it.each([
    ['001_init.sql', 1n, 'init'],
    ['0001_init.sql', 1n, 'init'],
    ['018_flow_metrics_thresholds_and_comments.sql', 18n, 'flow_metrics_thresholds_and_comments'],
    ['20250331002414_init.sql', 20250331002414n, 'init'],
    ['20250331002414.sql', 20250331002414n, ''],
    ['V1__init.sql', 1n, 'init'],
    ['V12__add_contact.sql', 12n, 'add_contact'],
    ['007_add_contact.up.sql', 7n, 'add_contact'],
  ])('%s → version %s, name "%s"', (file, version, name) => {
    expect(parseMigrationFileName(file)).toEqual({ version, name });
  });

  it.each(['init.sql', 'add_7.sql', 'V__x.sql'])('%s has no version', (file) => {
    expect(parseMigrationFileName(file)).toBeUndefined();
  });
});

describe('listing a migrations folder', () => {
  it('orders numerically, ignores other files, subfolders and down migrations', () => {
    const dir = folderWith({
      '010_ten.sql': '',
      '009_nine.sql': '',
      '008_eight.sql': '',
      '008_eight.down.sql': '',
      'README.md': '',
      'never-applied/011_eleven.sql': '',
    });
    expect(listMigrations(dir).map((m) => m.file)).toEqual(['008_eight.sql', '009_nine.sql', '010_ten.sql']);
  });

  it('accepts timestamp versions with gaps', () => {
    const dir = folderWith({ '20250101000000_a.sql': '', '20250331002414.sql': '' });
    expect(listMigrations(dir).map((m) => m.version)).toEqual([20250101000000n, 20250331002414n]);
  });

  it('refuses a missing folder', () => {
    expect(() => listMigrations('/nonexistent/migrations')).toThrow('migrations folder /nonexistent/migrations does not exist or cannot be read');
  });

  it('refuses an empty folder', () => {
    const dir = folderWith({ 'README.md': '' });
    expect(() => listMigrations(dir)).toThrow(`migrations folder ${dir} has no .sql migration files`);
  });

  it('refuses a .sql file without a version, naming it', () => {
    const dir = folderWith({ '001_a.sql': '', 'fixup.sql': '' });
    expect(() => listMigrations(dir)).toThrow(/fixup\.sql: no version in the file name\. Name it <version>_<name>\.sql/);
  });

  it('refuses a duplicate version, naming both files', () => {
    const dir = folderWith({ '001_a.sql': '', '002_b.sql': '', '0002_c.sql': '' });
    expect(() => listMigrations(dir)).toThrow(/version 2 is used twice \((0002_c\.sql and 002_b\.sql|002_b\.sql and 0002_c\.sql)\)/);
  });

  it('refuses a gap in sequence-numbered versions, naming the missing one', () => {
    const dir = folderWith({ '001_a.sql': '', '002_b.sql': '', '004_d.sql': '' });
    expect(() => listMigrations(dir)).toThrow(/version 3 is missing between 002_b\.sql and 004_d\.sql/);
    const wide = folderWith({ '001_a.sql': '', '005_e.sql': '' });
    expect(() => listMigrations(wide)).toThrow(/version 2–4 is missing/);
  });
});
