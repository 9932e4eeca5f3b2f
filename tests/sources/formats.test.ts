import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { takeSnapshot } from '../../harness/catalog/snapshot.js';
import type { Snapshot } from '../../harness/catalog/model.js';
import { compare } from '../../harness/compare/compare.js';
import { replayLegacy, selectUnits } from '../../harness/sources/legacy.js';
import { parseSource } from '../../harness/sources/parse.js';
import { golangMigrate } from '../../harness/sources/formats/golang-migrate.js';
import { applyDrizzleMigrations } from '../../harness/sources/drizzle.js';
import { readDrizzleMigrations } from '../../harness/sources/drizzle-journal.js';
import { rejectionOf } from '../support/errors.js';
import { snapshotOf } from '../support/catalog.js';
import { folderWith } from '../support/folders.js';
import { scratchDatabase } from '../support/scratch.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'formats');

async function snapshotOfFolder(dir: string, log?: (line: string) => void): Promise<Snapshot> {
  const db = await scratchDatabase('formats');
  try {
    await replayLegacy(db.client, dir, { log });
    return await takeSnapshot(db.client);
  } finally {
    await db.drop();
  }
}

/** Each tool's folder (tests/fixtures/formats/<dir>), the format it is read as, and the units it runs: file and transaction mode. */
const TOOLS: Array<[dir: string, format: string, units: string[]]> = [
  ['supabase/migrations', 'plain', ['20250101000001_init.sql file', '20250101000002_touch_updated_at.sql file', '20250102093000_grow.sql file', '20250103120000_account_email_idx.sql none']],
  ['atlas', 'atlas', ['20250101000001_init.sql file', '20250101000002_touch_updated_at.sql file', '20250102093000_grow.sql file', '20250103120000_account_email_idx.sql none']],
  ['dbmate', 'dbmate', ['20250101000001_init.sql file', '20250101000002_touch_updated_at.sql file', '20250102093000_grow.sql file', '20250103120000_account_email_idx.sql implicit']],
  ['goose', 'goose', ['00001_init.sql file', '00002_touch_updated_at.sql file', '00003_grow.sql file', '00004_account_email_idx.sql none']],
  ['golang-migrate', 'golang-migrate', ['000001_init.up.sql implicit', '000002_touch_updated_at.up.sql implicit', '000003_grow.up.sql implicit', '000004_account_email_idx.up.sql implicit']],
  ['node-pg-migrate', 'node-pg-migrate', ['1735689600000_init.sql file', '1735689600001_touch-updated-at.sql file', '1735808400000_grow.sql file', '1735905600000_account-email-idx.sql file']],
  ['flyway', 'flyway', ['V1__init.sql file', 'V1_1__grow.sql file', 'V2__account_email_idx.sql none', 'R__touch_updated_at.sql file']],
  ['prisma', 'prisma', ['20250101000001_init/migration.sql implicit', '20250101000002_touch_updated_at/migration.sql implicit', '20250102093000_grow/migration.sql implicit', '20250103120000_account_email_idx/migration.sql implicit']],
  ['sqitch', 'sqitch', ['deploy/init.sql none', 'deploy/touch_updated_at@v1.0.sql none', 'deploy/grow.sql none', 'deploy/account_email_idx.sql none', 'deploy/touch_updated_at.sql none']],
];

let reference: Snapshot;
beforeAll(async () => {
  reference = await snapshotOfFolder(join(FIXTURES, 'plain'));
});

describe('every tool’s folder replays as its tool replays it', () => {
  it('the plain reference holds the schema: an enum grown later, identity, a function with blank lines, a trigger, a later column, a concurrent index, an FK with an action', async () => {
    const lines: string[] = [];
    await snapshotOfFolder(join(FIXTURES, 'plain'), (line) => lines.push(line));
    expect(lines).toEqual(['004_account_email_idx.sql: statement by statement, not wrapped in a transaction (CREATE INDEX CONCURRENTLY at line 2)']);
    expect(reference.enums.map((e) => `${e.name}: ${e.labels.join(',')}`)).toEqual(['account_status: new,active,archived']);
    expect(reference.tables.map((t) => `${t.name}(${t.columns.map((c) => c.name).join(',')})`)).toEqual(['account(id,email,status,updated_at,display_name)', 'note(id,account_id,body)']);
    const account = reference.tables[0]!;
    expect(account.columns.map((c) => c.identity ?? '-')).toEqual(['always', '-', '-', '-', '-']);
    expect(account.indexes.map((i) => i.name)).toEqual(['account_email_idx', 'account_pkey']);
    expect(account.triggers.map((t) => t.name)).toEqual(['account_touch']);
    expect(reference.tables[1]!.constraints.find((c) => c.type === 'foreign key')?.definition).toBe('FOREIGN KEY (account_id) REFERENCES public.account(id) ON DELETE CASCADE');
    expect(reference.functions.map((f) => f.name)).toEqual(['touch_updated_at']);
    expect([reference.functions[0]!.body].flat().join('\n')).toContain('now();\n\n  -- a blank line above and below: the body is kept as written\n\n  RETURN NEW;');
  });

  it.each(TOOLS)('%s: read as %s, replays to the reference snapshot, and nothing else', async (dir, format, units) => {
    const path = join(FIXTURES, dir);
    const selected = selectUnits(path);
    expect(selected.format.name).toBe(format);
    expect(selected.units.map((u) => `${u.file} ${u.transaction}`)).toEqual(units);
    const comparison = compare(reference, await snapshotOfFolder(path));
    expect(comparison.differences).toEqual([]);
  });
});

describe('choosing the format and the bound', () => {
  it('?format= overrides detection: a goose folder read as golang-migrate is refused as having no up file, as dbmate for its missing markers', () => {
    const goose = join(FIXTURES, 'goose');
    const parsed = parseSource(`legacy:${goose}?format=golang-migrate`);
    expect(parsed.kind).toBe('legacy');
    expect(() => selectUnits(goose, { format: 'golang-migrate' })).toThrow(`migrations folder ${goose} has no .up.sql migration files (golang-migrate would skip 00001_init.sql, 00002_touch_updated_at.sql, 00003_grow.sql …: it names files <version>_<name>.up.sql and <version>_<name>.down.sql)`);
    expect(() => selectUnits(goose, { format: 'dbmate' })).toThrow('00001_init.sql: no "-- migrate:up" line: dbmate requires each migration to define an up block with "-- migrate:up"');
  });

  it('@<version> takes a Flyway version (1.1 = 1_1; repeatables still run after) and a Sqitch change or tag', () => {
    const flyway = join(FIXTURES, 'flyway');
    expect(selectUnits(flyway, { upTo: '1.1' }).units.map((u) => u.file)).toEqual(['V1__init.sql', 'V1_1__grow.sql', 'R__touch_updated_at.sql']);
    expect(selectUnits(flyway, { upTo: 1n }).units.map((u) => u.file)).toEqual(['V1__init.sql', 'R__touch_updated_at.sql']);
    expect(() => selectUnits(flyway, { upTo: '3' })).toThrow(`${flyway} has no migration with version 3 (versions 1–2)`);
    const sqitch = join(FIXTURES, 'sqitch');
    expect(selectUnits(sqitch, { upTo: 'v1.0' }).units.map((u) => u.file)).toEqual(['deploy/init.sql', 'deploy/touch_updated_at@v1.0.sql']);
    expect(selectUnits(sqitch, { upTo: 'grow' }).units.map((u) => u.file)).toEqual(['deploy/init.sql', 'deploy/touch_updated_at@v1.0.sql', 'deploy/grow.sql']);
  });

  it('a Sqitch project whose sqitch.conf moves the plan and scripts (top_dir, [engine "pg"] deploy_dir) is read from there', () => {
    const dir = folderWith({
      'sqitch.conf': '[core]\n\tengine = pg\n\ttop_dir = db\n[engine "pg"]\n\tdeploy_dir = db/pg-deploy\n',
      'db/sqitch.plan': '%syntax-version=1.0.0\n%project=x\n\nb 2025-01-01T00:00:00Z A <a@x>\na 2025-01-01T00:00:01Z A <a@x>\n',
      'db/pg-deploy/a.sql': 'SELECT 1;',
      'db/pg-deploy/b.sql': 'SELECT 2;',
      'db/deploy/a.sql': 'not this one',
    });
    expect(selectUnits(dir).units.map((u) => `${u.file} ${u.version}`)).toEqual(['db/pg-deploy/b.sql b', 'db/pg-deploy/a.sql a']);
    expect(() => selectUnits(folderWith({ 'sqitch.conf': '[core]\n\ttop_dir = db\n' }))).toThrow(/: no db\/sqitch\.plan: a Sqitch project is read in the order of its plan$/);
  });

  it('sqitch.conf values are git-config values: top_dir = "db" (quoted, with a comment after it) is db', () => {
    const dir = folderWith({
      'sqitch.conf': '[core]\n\tengine = pg\n\ttop_dir = "db" ; where the plan is\n',
      'db/sqitch.plan': '%project=x\na 2025-01-01T00:00:00Z A <a@x>\n',
      'db/deploy/a.sql': 'SELECT 1;',
    });
    expect(selectUnits(dir).units.map((u) => u.file)).toEqual(['db/deploy/a.sql']);
  });

  it('the table’s other directives: Flyway’s <file>.conf and subfolders; what goose and node-pg-migrate folders cannot replay', () => {
    const flyway = folderWith({
      'V1__a.sql': 'CREATE TABLE a (id int);',
      'V1__a.sql.conf': 'executeInTransaction=false\n',
      'later/V2__b.sql': 'SELECT 1;',
      'V3__mixed.sql': 'CREATE TABLE c (id int);\nCREATE INDEX CONCURRENTLY c_id ON c (id);\n',
      // a file mixing both kinds: Flyway refuses it unless told to run it so
      'flyway.conf': 'flyway.mixed=true\n',
    });
    expect(selectUnits(flyway).units.map((u) => [u.file, u.transaction, u.reason ?? ''])).toEqual([
      ['V1__a.sql', 'none', 'executeInTransaction=false in V1__a.sql.conf'],
      ['later/V2__b.sql', 'file', ''],
      ['V3__mixed.sql', 'none', 'CREATE INDEX CONCURRENTLY at line 2'],
    ]);
    const go = folderWith({ '00001_a.sql': '-- +goose Up\nSELECT 1;\n', '00002_b.go': 'package migrations' });
    expect(() => selectUnits(go)).toThrow(`${go}/00002_b.go: a Go migration cannot be replayed from SQL. Write its SQL as a .sql migration, or move it out of ${go}.`);
    const envsub = folderWith({ '00001_a.sql': '-- +goose Up\n-- +goose ENVSUB ON\nCREATE ROLE ${APP_ROLE};\n' });
    expect(() => selectUnits(envsub)).toThrow('00001_a.sql:3: "-- +goose ENVSUB ON" makes goose substitute environment variables in this line (${APP_ROLE}): the replay cannot know the values production had; write them out, or put "-- +goose ENVSUB OFF" before the line');
    const js = folderWith({ '1700000000000_a.sql': '-- Up Migration\nSELECT 1;\n', '1700000000001_b.js': 'exports.up = () => {};' });
    expect(() => selectUnits(js)).toThrow(`${js}/1700000000001_b.js: a JavaScript/TypeScript migration cannot be replayed from SQL; only node-pg-migrate's .sql migrations can. Move it out, or write its SQL as a .sql migration.`);
  });

  it('golang-migrate passes over a file whose name it cannot parse; the output lists it', async () => {
    const dir = folderWith({ '1_a.up.sql': 'CREATE TABLE a (id int);', '1_a.down.sql': 'DROP TABLE a;', 'seed.sql': 'DROP SCHEMA public CASCADE;' });
    expect(selectUnits(dir).units.map((u) => u.file)).toEqual(['1_a.up.sql']);
    const lines: string[] = [];
    const db = await scratchDatabase('formats');
    try {
      await replayLegacy(db.client, dir, { log: (line) => lines.push(line) });
    } finally {
      await db.drop();
    }
    expect(lines).toEqual(['seed.sql: skipped: golang-migrate reads only files named <version>_<name>.up.sql or .down.sql']);
  });

  it('golang-migrate’s name pattern is case-sensitive and takes any extension: 2_b.UP.sql is passed over, 3_c.up.SQL runs; so is a version beyond uint64', () => {
    const dir = folderWith({ '1_a.up.sql': 'SELECT 1;', '2_b.UP.sql': 'SELECT 2;', '3_c.up.SQL': 'SELECT 3;', '18446744073709551616_big.up.sql': 'SELECT 4;' });
    expect(selectUnits(dir, { format: 'golang-migrate' }).units.map((u) => u.file)).toEqual(['1_a.up.sql', '3_c.up.SQL']);
    expect(golangMigrate.skipped!(dir).map((s) => s.file).sort()).toEqual(['18446744073709551616_big.up.sql', '2_b.UP.sql']);
  });

  it('refuses what the tools refuse, naming the file and line', () => {
    const plan = (text: string) => folderWith({ 'sqitch.plan': text, 'deploy/a.sql': 'SELECT 1;' });
    expect(() => selectUnits(plan('%project=x\nb [a] 2025-01-01T00:00:00Z A <a@x>\n'))).toThrow('sqitch.plan:2: "b" requires "a", which the plan does not deploy before it (Sqitch refuses this too)');
    expect(() => selectUnits(plan('%project=x\nb 2025-01-01T00:00:00Z A <a@x>\n'))).toThrow('sqitch.plan:2: change "b" has no deploy/b.sql');
    const goose = folderWith({ '001_a.sql': '-- +goose Up\nCREATE TABLE a (id int)\n-- +goose Down\nDROP TABLE a;\n' });
    expect(() => selectUnits(goose)).toThrow('001_a.sql:2: an up statement without its closing semicolon (goose refuses this file too)');
    const flyway = folderWith({ 'V1__a.sql': '', 'V1.0__b.sql': '' });
    expect(() => selectUnits(flyway)).toThrow(/version 1(\.0)? is used twice \(V1(\.0)?__[ab]\.sql and V1(\.0)?__[ab]\.sql\): Flyway refuses this too/);
    const prisma = folderWith({ 'migration_lock.toml': '', '20250101000000_a/README.md': '' });
    expect(() => selectUnits(prisma)).toThrow(/20250101000000_a: no migration\.sql in it/);
  });

  it('goose runs the statements it splits, one by one: a failure names the line in the file', async () => {
    const dir = folderWith({
      '001_a.sql': '-- +goose Up\n-- +goose StatementBegin\nCREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$\nBEGIN\n\n  RETURN 1;\nEND $$;\n-- +goose StatementEnd\nCREATE TABLE a (id f_type);\n-- +goose Down\nDROP TABLE a;\n',
    });
    expect(selectUnits(dir).units[0]!.statements!.length).toBe(2);
    const db = await scratchDatabase('formats');
    try {
      await expect(replayLegacy(db.client, dir)).rejects.toThrow('001_a.sql:9:20: type "f_type" does not exist [42704]');
      expect((await db.client.query("SELECT count(*)::int AS n FROM pg_proc WHERE proname = 'f'")).rows).toEqual([{ n: 0 }]);
    } finally {
      await db.drop();
    }
  });

  it('snapshots leave out every tool’s bookkeeping', async () => {
    const snapshot = await snapshotOf(`
      CREATE TABLE goose_db_version (id serial PRIMARY KEY, version_id bigint NOT NULL, is_applied boolean NOT NULL, tstamp timestamp DEFAULT now());
      CREATE TABLE pgmigrations (id serial PRIMARY KEY, name varchar(255) NOT NULL, run_on timestamp NOT NULL);
      CREATE TABLE flyway_schema_history (installed_rank int PRIMARY KEY, version varchar(50), script varchar(1000) NOT NULL);
      CREATE TABLE _prisma_migrations (id varchar(36) PRIMARY KEY, checksum varchar(64) NOT NULL);
      CREATE TABLE atlas_schema_revisions (version varchar PRIMARY KEY);
      CREATE SCHEMA sqitch; CREATE TABLE sqitch.changes (change_id text PRIMARY KEY);
      CREATE SCHEMA supabase_migrations; CREATE TABLE supabase_migrations.schema_migrations (version text PRIMARY KEY);
      CREATE TABLE app (id int PRIMARY KEY);
    `);
    expect(snapshot.schemas.map((s) => s.name)).toEqual(['public']);
    expect(snapshot.tables.map((t) => `${t.schema}.${t.name}`)).toEqual(['public.app']);
    expect(snapshot.sequences).toEqual([]);
  });
});

describe('drizzle-kit 1.x folders for drizzle:', () => {
  it('<YYYYMMDDHHmmss>_<name>/migration.sql without a journal: applied by drizzle-orm’s migrator in folder-name order, to the reference snapshot and nothing else', async () => {
    const dir = join(FIXTURES, 'drizzle-v1');
    expect(readDrizzleMigrations(dir).map((m) => `${m.tag} ${new Date(m.when).toISOString()}`)).toEqual([
      '20250101000001_init 2025-01-01T00:00:01.000Z',
      '20250101000002_touch_updated_at 2025-01-01T00:00:02.000Z',
      '20250102093000_grow 2025-01-02T09:30:00.000Z',
      '20250103120000_account_email_idx 2025-01-03T12:00:00.000Z',
    ]);
    const db = await scratchDatabase('drizzle-v1');
    try {
      await applyDrizzleMigrations(db.client, dir, '20250101000002_touch_updated_at');
      expect((await db.client.query("SELECT to_regclass('account')::text AS a, to_regprocedure('touch_updated_at()')::text AS f, (SELECT count(*)::int FROM pg_attribute WHERE attrelid = 'account'::regclass AND attname = 'display_name') AS later")).rows).toEqual([{ a: 'account', f: 'touch_updated_at()', later: 0 }]);
      await applyDrizzleMigrations(db.client, dir);
      expect(compare(reference, await takeSnapshot(db.client)).differences).toEqual([]);
      const { rows } = await db.client.query<{ created_at: string }>('SELECT created_at FROM drizzle.__drizzle_migrations ORDER BY id');
      expect(rows.map((r) => Number(r.created_at))).toEqual(readDrizzleMigrations(dir).map((m) => m.when));
    } finally {
      await db.drop();
    }
  });

  it('names the migration folder, line and column of a failing statement; refuses a folder that is neither layout', async () => {
    const dir = folderWith({
      '20250101000000_ok/migration.sql': 'CREATE TABLE a (id int);',
      '20250102000000_bad/migration.sql': 'CREATE TABLE b (id int);\n--> statement-breakpoint\nALTER TABLE b\n  ADD COLUMN n integr;',
      '20250102000000_bad/snapshot.json': '{}',
    });
    const db = await scratchDatabase('drizzle-v1');
    try {
      expect((await rejectionOf(applyDrizzleMigrations(db.client, dir))).message).toBe('20250102000000_bad/migration.sql:4:16: type "integr" does not exist [42704]');
    } finally {
      await db.drop();
    }
    const empty = folderWith({ 'README.md': '' });
    expect(() => readDrizzleMigrations(empty)).toThrow(`${empty} is not a drizzle-kit migrations folder: neither ${empty}/meta/_journal.json (drizzle-kit 0.x) nor <YYYYMMDDHHmmss>_<name>/migration.sql folders (drizzle-kit 1.x) exist`);
  });
});
