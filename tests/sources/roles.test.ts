import { describe, expect, it, onTestFinished } from 'vitest';
import { withClient } from '../../harness/server/connect.js';
import { buildDatabase } from '../../harness/sources/build.js';
import { legacySource, replayLegacy } from '../../harness/sources/legacy.js';
import { folderWith } from '../support/folders.js';
import { rejectionOf } from '../support/errors.js';
import { scratchDatabase, testServer } from '../support/scratch.js';

/** A role name of this test's own: roles are shared by every database of the run's server. */
function uniqueRole(): string {
  const role = `parity_reader_${Math.random().toString(36).slice(2, 8)}`;
  onTestFinished(() => withClient(testServer().adminUrl, (c) => c.query(`DROP ROLE IF EXISTS ${role}`)).then(() => {}));
  return role;
}

describe('roles a migration creates (cluster-wide)', () => {
  // on a url: server (PARITY_DATABASE_URL) the replay refuses to create roles at all: the last test
  it.skipIf(testServer().provider === 'url')('two sources that create the same role build one after the other on one server; each grants to it', async () => {
    const role = uniqueRole();
    const lines: string[] = [];
    const a = legacySource(folderWith({ '001_roles.sql': `CREATE ROLE ${role} NOLOGIN;\nCREATE TABLE a (id int);\nGRANT SELECT ON a TO ${role};\n` }), { label: 'roles a' });
    const b = legacySource(folderWith({ '20250101000000_init.sql': `CREATE TABLE b (id int);\n\nCREATE ROLE ${role} NOLOGIN;\nGRANT SELECT ON b TO ${role};\n` }), { label: 'roles b' });
    const first = await buildDatabase(testServer(), a, { log: (line) => lines.push(line) });
    try {
      const second = await buildDatabase(testServer(), b, { log: (line) => lines.push(line) });
      try {
        expect(lines).toEqual([`20250101000000_init.sql:3: role "${role}" exists on this server already (another build made it): CREATE ROLE skipped`]);
        const grants = await withClient(second.url, (c) => c.query(`SELECT has_table_privilege('${role}', 'b', 'SELECT') AS ok`));
        expect(grants.rows).toEqual([{ ok: true }]);
      } finally {
        await second.drop();
      }
    } finally {
      await first.drop();
    }
  });

  it('a chain that creates the same role twice still fails, as it did in production', async () => {
    const role = uniqueRole();
    const db = await scratchDatabase('roles');
    try {
      const dir = folderWith({ '001_a.sql': `CREATE ROLE ${role};\n`, '002_b.sql': `-- again\nCREATE ROLE ${role};\n` });
      await expect(replayLegacy(db.client, dir)).rejects.toThrow(`002_b.sql:2:1: role "${role}" already exists [42710]`);
    } finally {
      await db.drop();
    }
  });

  it('on a url: server a migration that creates a role is refused before anything runs', async () => {
    const role = uniqueRole();
    const db = await scratchDatabase('roles');
    try {
      const dir = folderWith({ '001_a.sql': 'CREATE TABLE a (id int);\n', '002_b.sql': `CREATE TABLE b (id int);\n  CREATE USER "${role}" LOGIN;\n` });
      const error = await rejectionOf(replayLegacy(db.client, dir, { provider: 'url' }));
      expect(error.message).toBe(
        `002_b.sql:2:3: creates role "${role}": roles belong to the whole server and would stay behind on this url: server, so the replay does not run it there. Build on the embedded server (unset PARITY_DATABASE_URL, or PARITY_SERVER=embedded) or the container one.`,
      );
      expect((await db.client.query("SELECT to_regclass('a') AS a")).rows).toEqual([{ a: null }]);
      expect((await db.client.query('SELECT count(*)::int AS n FROM pg_roles WHERE rolname = $1', [role])).rows).toEqual([{ n: 0 }]);
      const idiom = folderWith({ '001_a.sql': `-- roles\nDO $$\nBEGIN\n  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${role}') THEN\n    CREATE ROLE ${role};\n  END IF;\nEND $$;\n` });
      expect((await rejectionOf(replayLegacy(db.client, idiom, { provider: 'url' }))).message).toMatch(/^001_a\.sql:2:1: creates a role in a DO block: roles belong to the whole server/);
      expect((await db.client.query('SELECT count(*)::int AS n FROM pg_roles WHERE rolname = $1', [role])).rows).toEqual([{ n: 0 }]);
      // read on tokens, as the server reads it: a comment between the words hid the statement
      for (const sql of [`CREATE/**/ROLE ${role};\n`, `CREATE -- the reader\nROLE ${role};\n`, `DO $$ BEGIN EXECUTE 'CREATE /* x */ ROLE ${role}'; END $$;\n`]) {
        const hidden = folderWith({ '001_a.sql': sql });
        expect((await rejectionOf(replayLegacy(db.client, hidden, { provider: 'url' }))).message, sql).toMatch(/^001_a\.sql:1:1: creates (role|a role in a DO block)/);
        expect((await db.client.query('SELECT count(*)::int AS n FROM pg_roles WHERE rolname = $1', [role])).rows).toEqual([{ n: 0 }]);
      }
    } finally {
      await db.drop();
    }
  });

  it('words about roles in a comment or a string create none: a golang-migrate file is still sent whole, outside a transaction', async () => {
    const db = await scratchDatabase('roles');
    onTestFinished(() => db.drop());
    const dir = folderWith({
      '1_t.up.sql': "CREATE TABLE t (x int);\nCOMMENT ON TABLE t IS 'no need to create role here';\n",
      '2_idx.up.sql': '-- no need to create role here: the app role exists\nCREATE INDEX CONCURRENTLY i ON t (x);\n',
    });
    await replayLegacy(db.client, dir, { provider: 'url' });
    expect((await db.client.query("SELECT to_regclass('i') IS NOT NULL AS made")).rows).toEqual([{ made: true }]);
  });
});
