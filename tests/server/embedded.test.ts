import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, onTestFinished } from 'vitest';
import { withClient } from '../../harness/server/connect.js';
import { ServerStartError, startServer } from '../../harness/server/index.js';
import { ownerMarker, reapOrphanedClusters } from '../../harness/server/orphans.js';
import { commandLine, isAlive, postmasterPid } from '../../harness/server/processes.js';

const CHILD = join(import.meta.dirname, '..', 'fixtures', 'start-embedded-child.mjs');

/** Starts an embedded server in a child Node process; resolves with its cluster directory once it is ready. */
function startInChild(env: Record<string, string> = {}): Promise<{ pid: number; clusterDir: string; holder?: number }> {
  const child = spawn(process.execPath, [CHILD], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /^ready (\S+)$/m.exec(out);
      const holder = /^holder (\d+)$/m.exec(out);
      if (match) resolve({ pid: child.pid!, clusterDir: match[1]!, holder: holder ? Number(holder[1]) : undefined });
    });
    child.on('exit', (code) => reject(new Error(`child exited (${code}) before the server was ready: ${out}`)));
  });
}

async function waitFor(condition: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await sleep(100);
  }
  return condition();
}

describe('embedded provider', () => {
  it("the server's processes inherit none of parity's environment but what a server needs: no token or database URL reaches code run in it", async () => {
    const secrets = { PROD_DATABASE_URL: 'postgres://u:LEAKprod@db/app', GITHUB_TOKEN: 'ghs_LEAKtoken', PGPASSWORD: 'LEAKpgpassword' };
    const saved = { ...process.env };
    Object.assign(process.env, secrets);
    onTestFinished(() => {
      for (const key of Object.keys(secrets)) delete process.env[key];
      Object.assign(process.env, saved);
    });
    const server = await startServer({ provider: 'embedded' });
    onTestFinished(() => server.stop());
    // every backend's environment is the postmaster's
    const dataDir = await withClient(server.adminUrl, async (c) => (await c.query<{ data_directory: string }>('SHOW data_directory')).rows[0]!.data_directory);
    const environ = readFileSync(`/proc/${postmasterPid(dataDir)}/environ`, 'utf8');
    const names = environ.split('\0').filter(Boolean).map((entry) => entry.slice(0, entry.indexOf('=')));
    expect(names).toContain('PATH');
    for (const name of Object.keys(secrets)) expect(names).not.toContain(name);
    expect(environ).not.toContain('LEAK');
  });

  it('starts PostgreSQL 15 on loopback with fsync off, a password of its own, and removes everything on stop', async () => {
    const server = await startServer({ provider: 'embedded' });
    const settings = await withClient(server.adminUrl, async (c) =>
      (await c.query<{ name: string; setting: string }>(`SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'listen_addresses', 'data_directory') ORDER BY name`)).rows,
    );
    const dataDir = settings.find((s) => s.name === 'data_directory')!.setting;
    expect(server.major).toBe(15);
    expect(settings.find((s) => s.name === 'fsync')!.setting).toBe('off');
    expect(settings.find((s) => s.name === 'listen_addresses')!.setting).toBe('127.0.0.1');
    // its password (random, 128 bits) is stored as a SCRAM verifier of one PBKDF2 round, not the
    // server's 4096 that every client connection runs again; a wrong password is still refused
    const verifier = await withClient(server.adminUrl, async (c) => (await c.query<{ v: string }>('SELECT rolpassword AS v FROM pg_authid WHERE rolname = current_user')).rows[0]!.v);
    expect(verifier).toMatch(/^SCRAM-SHA-256\$1:[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*:[A-Za-z0-9+/]+=*$/);
    const wrong = new URL(server.adminUrl);
    wrong.password = `x${wrong.password}`;
    await expect(withClient(wrong.toString(), (c) => c.query('SELECT 1'))).rejects.toThrow(/password authentication failed for user "postgres"/);
    const pid = postmasterPid(dataDir)!;
    expect(isAlive(pid)).toBe(true);
    const watchdog = findWatchdog(join(dataDir, '..'));
    expect(watchdog).toBeDefined();
    await server.stop();
    await server.stop(); // twice is fine
    expect(isAlive(pid)).toBe(false);
    expect(existsSync(dataDir)).toBe(false);
    // the stop closed the watchdog's pipe: it exits now, not when this process does
    expect(await waitFor(() => !isAlive(watchdog!), 10_000)).toBe(true);
  });

  it('explains a busy port instead of rejecting with undefined, and leaves nothing behind', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const error = await startServer({ provider: 'embedded', port }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ServerStartError);
      expect((error as Error).message).toMatch(new RegExp(`port ${port} on 127.0.0.1 is already in use`));
    } finally {
      blocker.close();
    }
  });

  it('refuses a major outside 14–18, saying which it runs and what to use instead', async () => {
    await expect(startServer({ provider: 'embedded', major: 19 })).rejects.toThrow(
      'the embedded provider runs PostgreSQL 14, 15, 16, 17, 18; major 19 is not one of them. Set PARITY_PG_MAJOR to one of those, or use PARITY_SERVER=container or PARITY_SERVER=url for another major.',
    );
  });

  it('stops the cluster of a SIGKILLed run (watchdog), so no postgres outlives its run — though a process the run started lives on', async () => {
    const { pid, clusterDir, holder } = await startInChild({ SPAWN_AFTER: '1' });
    onTestFinished(() => {
      process.kill(holder!, 'SIGKILL');
    });
    const postmaster = postmasterPid(join(clusterDir, 'data'))!;
    const watchdog = findWatchdog(clusterDir);
    expect([isAlive(postmaster), watchdog !== undefined, isAlive(holder!)]).toEqual([true, true, true]);
    process.kill(pid, 'SIGKILL');
    // the pipe's end the run held went with it (the later process never had it): the watchdog
    // stopped the postmaster, removed the cluster and exited
    expect(await waitFor(() => !isAlive(postmaster) && !existsSync(clusterDir) && !isAlive(watchdog!), 15_000)).toBe(true);
    expect(isAlive(holder!)).toBe(true);
  });

  it('reaps a cluster orphaned when the watchdog died too', async () => {
    // a cluster root of its own: a server another test file starts meanwhile reaps the shared
    // roots, and would take this orphan before the test looks at it. The same one each run, for
    // this user: its pristine cluster is made once (initdb), not at every run; an orphan a killed
    // run left in it is reaped first.
    const root = join(tmpdir(), `parity-test-reap-root-${process.getuid?.() ?? 0}`);
    mkdirSync(root, { recursive: true });
    chmodSync(root, 0o1777); // as /tmp: the postgres user (when we are root) works in it too
    await reapOrphanedClusters(root);
    const { pid, clusterDir } = await startInChild({ PARITY_CLUSTER_DIR: root });
    const postmaster = postmasterPid(join(clusterDir, 'data'))!;
    const watchdog = findWatchdog(clusterDir);
    expect(watchdog).toBeDefined();
    process.kill(watchdog!, 'SIGKILL');
    process.kill(pid, 'SIGKILL');
    await sleep(300);
    expect(isAlive(postmaster)).toBe(true); // orphaned: nobody is left to stop it
    const reaped = await reapOrphanedClusters(root);
    expect(reaped).toEqual([clusterDir]);
    expect(isAlive(postmaster)).toBe(false);
    expect(existsSync(clusterDir)).toBe(false);
  });

  it('never reaps a directory whose owner is alive, nor signals a pid that is not its postmaster', async () => {
    const root = mkdtempSync(join(tmpdir(), 'reap-test-'));
    const alive = join(root, 'schema-parity-pg-alive');
    const dead = join(root, 'schema-parity-pg-dead');
    mkdirSync(join(alive, 'data'), { recursive: true });
    mkdirSync(join(dead, 'data'), { recursive: true });
    writeFileSync(join(alive, 'owner.json'), JSON.stringify(ownerMarker()));
    writeFileSync(join(dead, 'owner.json'), JSON.stringify({ ...ownerMarker(), pid: 2 ** 22 + 1 }));
    writeFileSync(join(dead, 'data', 'postmaster.pid'), `${process.pid}\n`); // our own pid: must not be signalled
    try {
      expect(await reapOrphanedClusters(root)).toEqual([dead]);
      expect(existsSync(alive)).toBe(true);
      expect(isAlive(process.pid)).toBe(true);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

function findWatchdog(clusterDir: string): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cmd = commandLine(Number(entry));
    if (cmd.includes('watchdog.sh') && cmd.includes(clusterDir)) return Number(entry);
  }
  return undefined;
}

describe('where clusters live', () => {
  it('PARITY_CLUSTER_DIR first, else a roomy writable /dev/shm (fast clones), else the temp dir; the reaper looks in all', async () => {
    const { clusterRoot, clusterRoots } = await import('../../harness/server/orphans.js');
    expect(clusterRoot({ PARITY_CLUSTER_DIR: '/somewhere' })).toBe('/somewhere');
    expect(['/dev/shm', tmpdir()]).toContain(clusterRoot({}));
    expect(clusterRoots({ PARITY_CLUSTER_DIR: '/somewhere' })).toEqual(expect.arrayContaining(['/somewhere', tmpdir(), '/dev/shm']));
  });
});
