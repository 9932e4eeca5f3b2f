import { describe, expect, it } from 'vitest';
import { selectUnits } from '../../harness/sources/legacy.js';
import { folderWith } from '../support/folders.js';

describe('dbmate reads its directive line as dbmate does (amacneil/dbmate pkg/dbmate/migration.go)', () => {
  it('transaction:false counts wherever it is among the options on the -- migrate:up line', () => {
    const dir = folderWith({ '20250101000000_a.sql': '-- migrate:up foo:bar transaction:false\nCREATE INDEX CONCURRENTLY i ON t (x);\n-- migrate:down\n' });
    expect(selectUnits(dir).units.map((u) => u.transaction)).toEqual(['implicit']);
  });

  it('a -- migrate:down comment line before the first -- migrate:up is outside every section (dbmate ≥ 2.29 accepts it)', () => {
    const dir = folderWith({ '20250101000000_a.sql': '-- migrate:down\n-- migrate:up\nCREATE TABLE a (id int);\n-- migrate:down\nDROP TABLE a;\n' });
    const units = selectUnits(dir, { format: 'dbmate' }).units;
    expect(units.map((u) => u.sql)).toEqual(['-- migrate:up\nCREATE TABLE a (id int);\n']);
  });
});

describe('golang-migrate reads any extension after .up. (golang-migrate/migrate source/parse.go, source/iofs/iofs.go)', () => {
  it('runs <version>_<name>.up.<any extension>', () => {
    const dir = folderWith({ '1_a.up.sql': 'CREATE TABLE a (id int);\n', '2_b.up.pgsql': 'CREATE TABLE b (id int);\n' });
    expect(selectUnits(dir).units.map((u) => u.file)).toEqual(['1_a.up.sql', '2_b.up.pgsql']);
  });

  it('refuses a second up file of one version, a backup copy too, as golang-migrate does', () => {
    const dir = folderWith({ '1_a.up.sql': 'CREATE TABLE a (id int);\n', '1_a.up.sql.bak': 'CREATE TABLE old (id int);\n' });
    expect(() => selectUnits(dir)).toThrow('version 1 is used twice');
  });
});

describe('node-pg-migrate takes all the leading digits as the number, whatever follows (salsita/node-pg-migrate src/utils/fileNameUtils.ts)', () => {
  it('accepts 123abc.sql and 1700000000000.init.sql', () => {
    const dir = folderWith({ '1700000000000.init.sql': '-- Up Migration\nCREATE TABLE a (id int);\n', '1700000000001abc.sql': '-- Up Migration\nCREATE TABLE b (id int);\n' });
    expect(selectUnits(dir).units.map((u) => [u.file, u.version])).toEqual([
      ['1700000000000.init.sql', '1700000000000'],
      ['1700000000001abc.sql', '1700000000001'],
    ]);
  });
});

describe('Sqitch picks a reworked change’s script as Sqitch does (sqitchers/sqitch lib/App/Sqitch/Plan.pm, Plan/Change.pm)', () => {
  it('looks for the latest tag before the rework first', () => {
    const plan = '%syntax-version=1.0.0\n%project=p\n\nusers 2025-01-01T00:00:00Z A <a@b>\n@v1 2025-01-01T00:00:00Z A <a@b>\nother 2025-01-02T00:00:00Z A <a@b>\n@v2 2025-01-02T00:00:00Z A <a@b>\nusers [users@v2] 2025-01-03T00:00:00Z A <a@b>\n';
    const dir = folderWith({
      'sqitch.plan': plan,
      'deploy/users@v1.sql': 'CREATE TABLE users_v1 (id int);\n',
      'deploy/users@v2.sql': 'CREATE TABLE users_v2 (id int);\n',
      'deploy/other.sql': 'SELECT 1;\n',
      'deploy/users.sql': 'SELECT 2;\n',
    });
    expect(selectUnits(dir).units.map((u) => u.file)).toEqual(['deploy/users@v2.sql', 'deploy/other.sql', 'deploy/users.sql']);
  });

  it('reads deploy scripts with the extension sqitch.conf names', () => {
    const dir = folderWith({
      'sqitch.conf': '[core]\n\tengine = pg\n\textension = psql\n',
      'sqitch.plan': '%project=p\n\na 2025-01-01T00:00:00Z A <a@b>\n',
      'deploy/a.psql': 'CREATE TABLE a (id int);\n',
    });
    expect(selectUnits(dir).units.map((u) => u.file)).toEqual(['deploy/a.psql']);
  });
});
