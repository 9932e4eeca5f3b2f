import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { clusterDirs, clusterRoots } from '../../harness/server/orphans.js';
import { isAlive, postmasterPid } from '../../harness/server/processes.js';
import { folderWith } from '../support/folders.js';
import { PARITY_BIN } from './run-parity.js';

/** The cluster directory an embedded server started by process `pid` lives in, once it is up. */
async function clusterOf(pid: number): Promise<string> {
  for (let i = 0; i < 200; i++) {
    for (const dir of clusterRoots().flatMap((root) => clusterDirs(root))) {
      try {
        const owner = JSON.parse(readFileSync(join(dir, 'owner.json'), 'utf8')) as { pid: number };
        if (owner.pid === pid && postmasterPid(join(dir, 'data')) !== undefined) return dir;
      } catch {
        /* being written */
      }
    }
    await sleep(50);
  }
  throw new Error(`no cluster of process ${pid} appeared`);
}

describe('the parity CLI stops its server on SIGINT and SIGTERM', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s: exits %i, no postgres left, cluster directory removed', async (signal, code) => {
    // a migration that sleeps keeps the build busy while we interrupt it
    const dir = folderWith({ 'migrations-legacy/001_slow.sql': 'SELECT pg_sleep(30);\n' });
    const env = { ...process.env, PARITY_DATABASE_URL: undefined, PARITY_SERVER: undefined };
    const child = spawn(process.execPath, [PARITY_BIN, 'check', '--no-cache'], { cwd: dir, env, stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    const cluster = await clusterOf(child.pid!);
    const postmaster = postmasterPid(join(cluster, 'data'))!;
    expect(isAlive(postmaster)).toBe(true);
    child.kill(signal);
    expect(await exited).toBe(code);
    expect(isAlive(postmaster)).toBe(false);
    expect(existsSync(cluster)).toBe(false);
  });
});
