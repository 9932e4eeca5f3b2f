import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { buildKey } from '../../harness/cache/keys.js';
import { cloneTemplate, dropTemplate, ensureTemplate, TEMPLATE_PREFIX, withTemplateClient } from '../../harness/cache/templates.js';
import { takeSnapshot } from '../../harness/catalog/snapshot.js';
import { withClient } from '../../harness/server/connect.js';
import { legacySource } from '../../harness/sources/legacy.js';
import type { Buildable } from '../../harness/sources/source.js';
import { runMain } from '../cli/run-parity.js';
import { rejectionOf } from '../support/errors.js';
import { folderWith } from '../support/folders.js';
import { testServer } from '../support/scratch.js';

const unique = () => `CREATE TABLE t_${Math.random().toString(36).slice(2, 10)} (id int PRIMARY KEY);\n`;
const databases = () => withClient(testServer().adminUrl, async (c) => (await c.query<{ d: string; t: boolean }>('SELECT datname AS d, datistemplate AS t FROM pg_database')).rows);

describe('template cache', () => {
  it('builds a source once per content hash; parallel callers wait for the one build and share it', async () => {
    const server = testServer();
    const source = legacySource(folderWith({ '001_a.sql': unique() }));
    const results = await Promise.all([ensureTemplate(server, source), ensureTemplate(server, source), ensureTemplate(server, source)]);
    expect(results.filter((r) => r.built)).toHaveLength(1);
    expect(new Set(results.map((r) => r.name)).size).toBe(1);
    expect(results[0]!.name.startsWith(TEMPLATE_PREFIX)).toBe(true);
    expect((await databases()).find((d) => d.d === results[0]!.name)?.t).toBe(true);
    expect((await ensureTemplate(server, source)).built).toBe(false);
    await dropTemplate(server, results[0]!.name);
  });

  it('reads the template before its lock is released, when it builds it and when it was there: a clone waits for the read', async () => {
    const server = testServer();
    const table = unique();
    const source = legacySource(folderWith({ '001_a.sql': table }));
    const tables = (c: pg.Client) => c.query<{ t: string }>("SELECT relname AS t FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' ORDER BY 1").then((r) => r.rows.map((x) => x.t));
    const first = await ensureTemplate(server, source, { read: async (c, url) => ({ tables: await tables(c), url, database: (await c.query('SELECT current_database() AS d')).rows[0].d }) });
    expect(first.built).toBe(true);
    // the table the file made, and the runner's ledger
    expect(first.read).toEqual({ tables: ['schema_migrations', table.match(/t_\w+/)![0]], url: server.urlFor(first.name), database: first.name });
    // while a read holds the lock, a clone of the template waits for it to end
    const order: string[] = [];
    let clone: Awaited<ReturnType<typeof cloneTemplate>> | undefined;
    const again = await ensureTemplate(server, source, {
      read: async (c) => {
        const cloning = cloneTemplate(server, first.name).then((made) => ((clone = made), order.push('cloned')));
        await new Promise((resolve) => setTimeout(resolve, 200));
        order.push('read');
        const read = await tables(c);
        void cloning;
        return read;
      },
    });
    expect(again).toMatchObject({ name: first.name, built: false, read: first.read!.tables });
    await expect.poll(() => order).toEqual(['read', 'cloned']);
    await clone!.drop();
    await dropTemplate(server, first.name);
  });

  it("a template it builds is read on the build's own connection, its session reset as a new one's; a build that leaves a transaction open gets a new one", async () => {
    const server = testServer();
    const built = (label: string, ...statements: string[]) => {
      let pid = 0;
      const source: Buildable = {
        kind: 'legacy',
        spec: `test:${label}`,
        label,
        hash: async () => `${label} ${Math.random()}`,
        async build(client) {
          pid = (await client.query<{ p: number }>('SELECT pg_backend_pid() AS p')).rows[0]!.p;
          for (const sql of statements) await client.query(sql);
        },
      };
      return { source, pid: () => pid };
    };
    const session = async (c: pg.Client) => (await c.query<{ p: number; d: string; s: string; t: boolean }>("SELECT pg_backend_pid() AS p, current_setting('datestyle') AS d, current_setting('search_path') AS s, now() = statement_timestamp() AS t")).rows[0]!;
    const changed = built('changed', "CREATE TABLE t (d date); SET datestyle = 'SQL, DMY'; SET search_path = nowhere; PREPARE q AS SELECT 1");
    const reset = await ensureTemplate(server, changed.source, { read: async (c) => ({ ...(await session(c)), prepared: (await c.query('SELECT count(*)::int AS n FROM pg_prepared_statements')).rows[0].n }) });
    expect(reset.read).toEqual({ p: changed.pid(), d: 'ISO, MDY', s: '"$user", public', t: true, prepared: 0 });
    // BEGIN left open: the session cannot be reset, so the read is on a new connection (and the build's open work is gone with its own)
    const open = built('open', 'CREATE TABLE t (d date)', 'BEGIN', 'CREATE TABLE u (d date)');
    const fresh = await ensureTemplate(server, open.source, { read: async (c) => ({ pid: (await session(c)).p, tables: (await c.query("SELECT relname AS t FROM pg_class WHERE relnamespace = 'public'::regnamespace ORDER BY 1")).rows.map((r) => r.t) }) });
    expect(fresh.read?.pid).not.toBe(open.pid());
    expect(fresh.read?.tables).toEqual(['t']);
    await dropTemplate(server, reset.name);
    await dropTemplate(server, fresh.name);
  });

  it('names templates by everything that decides them: a changed file, another major', async () => {
    const dir = folderWith({ '001_a.sql': 'CREATE TABLE a (id int);\n' });
    const before = await buildKey(legacySource(dir), 15);
    expect(await buildKey(legacySource(dir), 16)).not.toBe(before);
    writeFileSync(join(dir, '001_a.sql'), 'CREATE TABLE a (id bigint);\n');
    expect(await buildKey(legacySource(dir), 15)).not.toBe(before);
  });

  it('never leaves a half-built template: a failed build is dropped, one left by a crash is rebuilt', async () => {
    const server = testServer();
    const failing = legacySource(folderWith({ '001_a.sql': 'CREATE TABLE a (id int REFERENCES nowhere);\n' }));
    const error = await rejectionOf(ensureTemplate(server, failing));
    expect(error.message).toMatch(/^building source "legacy" \(legacy:.*\): 001_a\.sql:1:1: relation "nowhere" does not exist/);
    const name = `${TEMPLATE_PREFIX}${(await buildKey(failing, server.major)).slice(0, 32)}`;
    expect((await databases()).map((d) => d.d)).not.toContain(name);

    const source = legacySource(folderWith({ '001_a.sql': unique() }));
    const crashed = `${TEMPLATE_PREFIX}${(await buildKey(source, server.major)).slice(0, 32)}`;
    await withClient(server.adminUrl, (c) => c.query(`CREATE DATABASE ${pg.escapeIdentifier(crashed)}`)); // a build that died: not marked
    const rebuilt = await ensureTemplate(server, source);
    expect([rebuilt.name, rebuilt.built]).toEqual([crashed, true]);
    await dropTemplate(server, rebuilt.name);
  });

  it('a test that changes a database works on a clone; the template stays as built', async () => {
    const server = testServer();
    const template = await ensureTemplate(server, legacySource(folderWith({ '001_a.sql': unique() })));
    const before = await withTemplateClient(server, template.name, (c) => takeSnapshot(c));
    const clone = await cloneTemplate(server, template.name, 'changed');
    await withClient(clone.url, (c) => c.query('CREATE TABLE extra (x int)'));
    expect(await withClient(clone.url, (c) => takeSnapshot(c))).not.toEqual(before);
    expect(await withTemplateClient(server, template.name, (c) => takeSnapshot(c))).toEqual(before);
    await clone.drop();
    await dropTemplate(server, template.name);
  });
});

describe('snapshot cache on disk', () => {
  it('a warm check builds nothing (no server can start), and an edited migration is never a stale hit', async () => {
    const dir = folderWith({ 'migrations-legacy/001_a.sql': 'CREATE TABLE a (id int PRIMARY KEY);\n', 'migrations-legacy/002_b.sql': 'ALTER TABLE a ADD COLUMN b text;\n' });
    const server = { PARITY_DATABASE_URL: testServer().adminUrl };
    expect((await runMain(['refresh'], { cwd: dir, env: server })).code).toBe(0);
    // a server that cannot start: anything that needs a build fails
    const noServer = { PARITY_SERVER: 'container', DOCKER_HOST: 'tcp://127.0.0.1:9' };
    const warm = await runMain(['check'], { cwd: dir, env: noServer });
    expect([warm.code, warm.stdout]).toEqual([0, 'verdict:\n  ✓ legacy = snapshots/legacy.snapshot.json\n']);
    const uncached = await runMain(['check', '--no-cache'], { cwd: dir, env: noServer });
    expect(uncached.code).toBe(2);

    writeFileSync(join(dir, 'migrations-legacy', '002_b.sql'), 'ALTER TABLE a ADD COLUMN b integer;\n');
    expect((await runMain(['check'], { cwd: dir, env: noServer })).code).toBe(2); // a miss: it must build
    const changed = await runMain(['check'], { cwd: dir, env: server });
    expect(changed.code).toBe(1);
    expect(changed.stdout).toContain('~ b: type text → integer');
  });
});

describe('parity cache clear', () => {
  it('removes the snapshot cache and the templates left on a url server', async () => {
    const { startServer } = await import('../../harness/server/index.js');
    // a server of its own: clearing drops every template on it
    const own = await startServer();
    try {
      const dir = folderWith({ 'migrations-legacy/001_a.sql': 'CREATE TABLE a (id int);\n' });
      const env = { PARITY_DATABASE_URL: own.adminUrl };
      expect((await runMain(['refresh'], { cwd: dir, env })).code).toBe(0);
      const templates = async () => withClient(own.adminUrl, async (c) => (await c.query(`SELECT datname FROM pg_database WHERE datname LIKE '${TEMPLATE_PREFIX}%'`)).rowCount);
      expect(await templates()).toBe(1);
      const clear = await runMain(['cache', 'clear'], { cwd: dir, env });
      expect(clear.code, clear.stderr).toBe(0);
      expect(clear.stdout).toContain('dropped 1 template database');
      expect(await templates()).toBe(0);
      const { existsSync } = await import('node:fs');
      expect(existsSync(join(dir, '.parity-cache', 'snapshots'))).toBe(false);
      expect((await runMain(['check'], { cwd: dir, env })).code).toBe(0);
    } finally {
      await own.stop();
    }
  });
});
