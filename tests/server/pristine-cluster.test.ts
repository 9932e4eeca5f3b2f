import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { withClient } from '../../harness/server/connect.js';
import { startEmbedded } from '../../harness/server/embedded.js';
import { PRISTINE_DIR_PREFIX } from '../../harness/server/pristine-cluster.js';
import { rejectionOf } from '../support/errors.js';

/** A cluster root of the test's own (as /tmp: the postgres user, when we are root, works in it too). */
function ownRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'pristine-root-'));
  chmodSync(root, 0o1777);
  onTestFinished(() => rmSync(root, { recursive: true, force: true }));
  return root;
}

/** Runs `fn` with PARITY_CLUSTER_DIR set to `root`. */
async function inRoot<T>(root: string, fn: () => Promise<T>): Promise<T> {
  const saved = process.env.PARITY_CLUSTER_DIR;
  process.env.PARITY_CLUSTER_DIR = root;
  try {
    return await fn();
  } finally {
    if (saved === undefined) delete process.env.PARITY_CLUSTER_DIR;
    else process.env.PARITY_CLUSTER_DIR = saved;
  }
}

const pristineDirs = (root: string) => readdirSync(root).filter((name) => name.startsWith(PRISTINE_DIR_PREFIX));
const passwordOf = (url: string) => decodeURIComponent(new URL(url).password);

describe('initdb once per version: each embedded start copies a pristine cluster', () => {
  it('two starts: initdb runs for the first only; each server gets a password of its own, and the pristine one opens neither', async () => {
    const root = ownRoot();
    const logs: string[][] = [[], []];
    const [a, b] = await inRoot(root, async () => [await startEmbedded({ log: (l) => logs[0]!.push(l) }), await startEmbedded({ log: (l) => logs[1]!.push(l) })]);
    onTestFinished(() => Promise.all([a.stop(), b.stop()]).then(() => undefined));
    expect(pristineDirs(root)).toHaveLength(1);
    const pristine = join(root, pristineDirs(root)[0]!);
    // never started: no server ever wrote its pid there; its password file is its owner's alone
    expect(existsSync(join(pristine, 'data', 'postmaster.pid'))).toBe(false);
    expect((statSync(join(pristine, 'password')).mode & 0o777).toString(8)).toBe('600');
    expect(logs.map((lines) => lines.filter((l) => l.startsWith('copying ')).length)).toEqual([1, 1]);

    expect(passwordOf(a.adminUrl)).not.toBe(passwordOf(b.adminUrl));
    for (const server of [a, b]) {
      expect(await withClient(server.adminUrl, async (c) => (await c.query<{ one: number }>('SELECT 1 AS one')).rows[0]!.one)).toBe(1);
      const withPristinePassword = new URL(server.adminUrl);
      withPristinePassword.password = readFileSync(join(pristine, 'password'), 'utf8').trim();
      expect((await rejectionOf(withClient(withPristinePassword.toString(), (c) => c.query('SELECT 1')))).message).toMatch(/password authentication failed/);
    }
  });

  it('parallel first starts make one pristine cluster, leave no half-made one, and both run', async () => {
    const root = ownRoot();
    const servers = await inRoot(root, () => Promise.all([startEmbedded(), startEmbedded()]));
    onTestFinished(() => Promise.all(servers.map((s) => s.stop())).then(() => undefined));
    expect(pristineDirs(root).filter((name) => name.includes('.tmp-'))).toEqual([]);
    expect(pristineDirs(root)).toHaveLength(1);
    for (const server of servers) expect(await withClient(server.adminUrl, async (c) => (await c.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v)).toMatch(/^\d+\.\d+/);
  });
});
