import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../harness/catalog/model.js';
import { takeSnapshot } from '../../harness/catalog/snapshot.js';
import { compare } from '../../harness/compare/compare.js';
import { replayLegacy } from '../../harness/sources/legacy.js';
import { dbmateBinary, DBMATE_VERSION } from '../support/dbmate.js';
import { folderWith } from '../support/folders.js';
import { scratchDatabase } from '../support/scratch.js';

/**
 * The replay against the tools themselves: one folder applied by the real dbmate (its release
 * binary, fetched once from npm: support/dbmate.ts) and node-pg-migrate (the devDependency) and by the replay, each on an empty database
 * of the run's server. The two snapshots must compare with no difference at all, cosmetic ones
 * included. The folders hold what tells the tools apart: sessions that carry over, transactions,
 * statements that cannot run in one, sections. (The tools' own tables are left out of snapshots.)
 */

const ROOT = join(import.meta.dirname, '..', '..');
const run = promisify(execFile);

/** The snapshot of a fresh database after `apply` ran on it (given its URL). */
async function snapshotAfter(label: string, apply: (url: string, client: import('pg').Client) => Promise<unknown>): Promise<Snapshot> {
  const db = await scratchDatabase(label);
  try {
    await apply(db.url, db.client);
    return await takeSnapshot(db.client);
  } finally {
    await db.drop();
  }
}

// the URL (with its password) goes to the tools in their environment, never on their command line
/**
 * dbmate's driver (lib/pq) refuses the run's server's own login, whose SCRAM verifier has one
 * iteration (made so for speed): it runs as a role of its own, whose password the server hashed
 * as it hashes any, and which goes once dbmate is done.
 */
const dbmate = (dir: string) => async (url: string, client: import('pg').Client) => {
  const role = `parity_dbmate_${randomBytes(6).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  await client.query(`CREATE ROLE ${role} LOGIN SUPERUSER PASSWORD '${password}'`);
  try {
    const login = new URL(url);
    login.username = role;
    login.password = password;
    login.searchParams.set('sslmode', 'disable');
    await run(dbmateBinary(), ['--migrations-dir', dir, '--no-dump-schema', 'up'], { env: { ...process.env, DATABASE_URL: login.toString() } });
  } finally {
    await client.query(`REASSIGN OWNED BY ${role} TO CURRENT_USER`);
    await client.query(`DROP ROLE ${role}`);
  }
};
const nodePgMigrate = (dir: string) => (url: string) => run(process.execPath, [join(ROOT, 'node_modules', 'node-pg-migrate', 'bin', 'node-pg-migrate.js'), 'up', '-m', dir], { env: { ...process.env, DATABASE_URL: url } });

async function expectSameAsTool(dir: string, tool: (dir: string) => (url: string, client: import('pg').Client) => Promise<unknown>): Promise<Snapshot> {
  const [byTool, byReplay] = [await snapshotAfter('real tool', tool(dir)), await snapshotAfter('replay', (_url, client) => replayLegacy(client, dir))];
  expect(compare(byTool, byReplay).differences).toEqual([]);
  expect(byReplay.notCompared).toEqual(byTool.notCompared);
  return byReplay;
}

const tables = (snapshot: Snapshot) => snapshot.tables.map((t) => `${t.schema}.${t.name}`);

// each tool's fixture folder (tests/fixtures/formats/<tool>: the schema every format fixture builds)
it.each([
  ['dbmate', dbmate],
  ['node-pg-migrate', nodePgMigrate],
] as const)('%s (the real one) and the replay build the same schema from its format fixture', async (tool, apply) => {
  expect(tables(await expectSameAsTool(join(ROOT, 'tests', 'fixtures', 'formats', tool), apply)).length).toBeGreaterThan(0);
});

describe(`dbmate ${DBMATE_VERSION} (the real one) and the replay build the same schema`, () => {
  it('a SET search_path of one file reaches the next (one connection); transaction:false runs CREATE INDEX CONCURRENTLY', async () => {
    const dir = folderWith({
      '20250101000001_app.sql': '-- migrate:up\nCREATE SCHEMA app;\nCREATE TABLE app.only_in_app (x int);\nSET search_path TO public, app;\n-- migrate:down\n',
      '20250101000002_v.sql': '-- migrate:up\nCREATE VIEW v AS SELECT x FROM only_in_app;\n-- migrate:down\nDROP VIEW v;\n',
      '20250101000003_idx.sql': '-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY only_x ON only_in_app (x);\n-- migrate:down\n',
    });
    const replayed = await expectSameAsTool(dir, dbmate);
    expect(replayed.views.map((v) => `${v.schema}.${v.name}`)).toEqual(['public.v']);
    expect(replayed.tables.find((t) => t.name === 'only_in_app')?.indexes.map((i) => i.name)).toEqual(['only_x']);
  });

  it('a file with several up sections: dbmate fails on the second (it records the version again) and, run again, skips the file; the replay builds what is left', async () => {
    const section = (directive: string, sql: string) => `-- migrate:up${directive}\n${sql}\n-- migrate:down\n`;
    const dir = folderWith({
      '20250101000001_users.sql': section('', 'CREATE TABLE users (id int);') + section(' transaction:false', 'ALTER TABLE users ADD COLUMN email text;') + section('', 'ALTER TABLE users ADD COLUMN never int;'),
      '20250101000002_things.sql': section('', 'CREATE TABLE things (id int);') + section('', 'ALTER TABLE things ADD COLUMN never int;'),
      '20250101000003_last.sql': section('', 'CREATE TABLE last (id int);'),
    });
    // `dbmate up` as a person runs it: it fails on the first file's second section; run again, on the second file's; then done
    const upUntilDone = async (url: string, client: import('pg').Client) => {
      for (let failures = 0; ; failures++) {
        const error = await dbmate(dir)(url, client).then(() => undefined, (e: { stderr?: string }) => e);
        if (!error) return expect(failures).toBe(2);
        expect(error.stderr).toContain('duplicate key value violates unique constraint "schema_migrations_pkey"');
        if (failures === 2) throw new Error(`dbmate failed a third time: ${error.stderr}`);
      }
    };
    const replayed = await expectSameAsTool(dir, () => upUntilDone);
    expect(tables(replayed).sort()).toEqual(['public.last', 'public.things', 'public.users']);
    expect(replayed.tables.find((t) => t.name === 'users')?.columns.map((c) => c.name)).toEqual(['id', 'email']);
  });

  it('a migration that leaves another schema current fails with dbmate (it records the migration there), and the replay refuses it, naming the file', async () => {
    const dir = folderWith({
      '20250101000001_a.sql': '-- migrate:up\nCREATE TABLE a (id int);\n-- migrate:down\n',
      '20250101000002_app.sql': '-- migrate:up\nCREATE SCHEMA app;\nSET search_path TO app;\n-- migrate:down\n',
      '20250101000003_b.sql': '-- migrate:up\nCREATE TABLE b (id int);\n-- migrate:down\n',
    });
    const failure = await snapshotAfter('real tool', dbmate(dir)).then(() => undefined, (error: Error & { stderr?: string }) => error.stderr);
    expect(failure).toContain('relation "app.schema_migrations" does not exist');
    await expect(snapshotAfter('replay', (_url, client) => replayLegacy(client, dir))).rejects.toThrow(
      '20250101000002_app.sql: leaves search_path = app, app the current schema: dbmate records each migration in schema_migrations of the current schema, right after the migration, and fails there (relation "app.schema_migrations" does not exist): the tool stops at this file. Set the search_path back at its end (RESET search_path), or qualify the names instead.',
    );
  });
});

describe('node-pg-migrate (the real one) and the replay build the same schema', () => {
  it('one transaction for all: a SET LOCAL reaches the next file; the search_path is "public", not "$user"; a file without its up marker runs whole', async () => {
    const dir = folderWith({
      '1_role_schema.sql': '-- Up Migration\nCREATE SCHEMA AUTHORIZATION CURRENT_USER;\nCREATE TABLE owned (id int);\nCREATE SCHEMA app;\n',
      '2_local.sql': '-- Up Migration\nSET LOCAL search_path TO app, public;\n-- Down Migration\n',
      '3_t.sql': '-- Up Migration\nCREATE TABLE t (id int);\n-- Down Migration\nDROP TABLE t;\n',
      '4_whole.sql': 'CREATE TABLE whole (id int);\n-- Down Migration\nCREATE TABLE down_part_too (id int);\n',
    });
    const replayed = await expectSameAsTool(dir, nodePgMigrate);
    expect(tables(replayed).sort()).toEqual(['app.down_part_too', 'app.t', 'app.whole', 'public.owned']);
  });
});
