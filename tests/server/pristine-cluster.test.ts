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
  // one root for both halves: initdb is most of a first start's CPU, and the later start is the
  // one that must not run it
  it('parallel first starts make one pristine cluster (one initdb in one process), leave no half-made one, and both run; a later start copies it without running initdb again; each server gets a password of its own, and the pristine one opens none', async () => {
    const root = ownRoot();
    const logs: string[][] = [[], [], []];
    const log = (i: number) => (line: string) => logs[i]!.push(line);
    const first = await inRoot(root, () => Promise.all([startEmbedded({ log: log(0) }), startEmbedded({ log: log(1) })]));
    onTestFinished(() => Promise.all(first.map((s) => s.stop())).then(() => undefined));
    expect(pristineDirs(root).filter((name) => name.includes('.tmp-'))).toEqual([]);
    expect(pristineDirs(root)).toHaveLength(1);
    const pristine = join(root, pristineDirs(root)[0]!);
    const made = statSync(join(pristine, 'ready'));
    const later = await inRoot(root, () => startEmbedded({ log: log(2) }));
    onTestFinished(() => later.stop());
    // the later start used that one: not made again, and no other beside it
    expect(pristineDirs(root)).toEqual([pristineDirs(root)[0]]);
    expect([statSync(join(pristine, 'ready')).ino, statSync(join(pristine, 'ready')).mtimeMs]).toEqual([made.ino, made.mtimeMs]);
    // never started: no server ever wrote its pid there; its password file is its owner's alone
    expect(existsSync(join(pristine, 'data', 'postmaster.pid'))).toBe(false);
    expect((statSync(join(pristine, 'password')).mode & 0o777).toString(8)).toBe('600');
    expect(logs.map((lines) => lines.filter((l) => l.startsWith('copying ')).length)).toEqual([1, 1, 1]);
    // the two parallel starts of this process waited for one initdb
    expect(logs.map((lines) => lines.filter((l) => l === `made ${pristine} (initdb, once per version)`).length).sort()).toEqual([0, 0, 1]);

    const servers = [...first, later];
    expect(new Set(servers.map((s) => passwordOf(s.adminUrl))).size).toBe(3);
    for (const server of servers) {
      expect(await withClient(server.adminUrl, async (c) => (await c.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v)).toMatch(/^\d+\.\d+/);
      const withPristinePassword = new URL(server.adminUrl);
      withPristinePassword.password = readFileSync(join(pristine, 'password'), 'utf8').trim();
      expect((await rejectionOf(withClient(withPristinePassword.toString(), (c) => c.query('SELECT 1')))).message).toMatch(/password authentication failed/);
    }
  });
});
