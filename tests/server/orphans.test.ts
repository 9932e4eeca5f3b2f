import { execFile } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { orphanStatus, ownerMarker, reapOrphanedClusters } from '../../harness/server/orphans.js';
import { NOBODY, nobodyCanRead } from '../support/nobody.js';

const ROOT = join(import.meta.dirname, '..', '..');
const DEAD_PID = 2 ** 22 + 1; // above pid_max: never a running process
const asRoot = process.getuid?.() === 0;

/** A shared cluster root like /tmp or /dev/shm: everyone may create in it (sticky). */
function sharedRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'reap-test-'));
  chmodSync(root, 0o1777);
  onTestFinished(() => rmSync(root, { recursive: true, force: true }));
  return root;
}

/** A cluster directory as a run leaves it: owner.json and a data dir only its owner may enter. */
function cluster(root: string, name: string, owner: object, uid?: number): string {
  const dir = join(root, `schema-parity-pg-${name}`);
  mkdirSync(join(dir, 'data'), { recursive: true });
  writeFileSync(join(dir, 'owner.json'), JSON.stringify(owner));
  writeFileSync(join(dir, 'data', 'PG_VERSION'), '15\n');
  chmodSync(join(dir, 'data'), 0o700);
  if (uid !== undefined) for (const path of [dir, join(dir, 'owner.json'), join(dir, 'data'), join(dir, 'data', 'PG_VERSION')]) chownSync(path, uid, uid);
  return dir;
}

const here = () => ({ host: hostname(), pidNamespace: readlinkSync('/proc/self/ns/pid'), bootId: readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() });

describe.runIf(asRoot && existsSync('/proc/self/ns/pid'))('the orphan reaper', () => {
  it('marks a cluster with its owner pid, host, PID namespace and boot', () => {
    expect(ownerMarker()).toEqual({ pid: process.pid, createdAt: expect.any(String), ...here() });
  });

  it('reaps only an orphan it owns, of its own host and PID namespace (or an earlier boot); never another uid, host or namespace', async () => {
    const root = sharedRoot();
    const dead = { pid: DEAD_PID, createdAt: '2026-01-01T00:00:00Z' };
    const ours = cluster(root, 'ours-dead', { ...dead, ...here() });
    const earlierBoot = cluster(root, 'earlier-boot', { ...dead, ...here(), pid: process.pid, bootId: '00000000-0000-0000-0000-000000000000' });
    const alive = cluster(root, 'alive', { ...dead, ...here(), pid: process.pid });
    const otherUser = cluster(root, 'other-user', { ...dead, ...here() }, NOBODY);
    // a live cluster of a container sharing this root: its owner's pid means nothing here
    const otherNamespace = cluster(root, 'other-namespace', { ...dead, ...here(), pidNamespace: 'pid:[4026530001]' });
    const otherHost = cluster(root, 'other-host', { ...dead, ...here(), host: 'ci-runner-7' });
    const unmarked = cluster(root, 'old-marker', dead); // a marker that does not say where its pid lives
    const starting = join(root, 'schema-parity-pg-starting');
    mkdirSync(starting);
    const failedStart = join(root, 'schema-parity-pg-failed-start');
    mkdirSync(failedStart);
    utimesSync(failedStart, new Date(Date.now() - 120_000), new Date(Date.now() - 120_000));

    expect((await reapOrphanedClusters(root)).sort()).toEqual([earlierBoot, failedStart, ours].sort());
    expect([alive, otherUser, otherNamespace, otherHost, unmarked, starting].map((dir) => [dir, existsSync(dir)])).toEqual(
      [alive, otherUser, otherNamespace, otherHost, unmarked, starting].map((dir) => [dir, true]),
    );
    expect([otherUser, otherNamespace, otherHost, alive].map((dir) => orphanStatus(dir))).toEqual([
      { reap: false, why: `owned by uid ${NOBODY}, not ours (0)` },
      { reap: false, why: `made on ${hostname()} in PID namespace pid:[4026530001], not ours` },
      { reap: false, why: `made on ci-runner-7 in PID namespace ${here().pidNamespace}, not ours` },
      { reap: false, why: `its owner (pid ${process.pid}) is alive` },
    ]);
  });

  // it runs this checkout's code as that user: not where the checkout is out of its reach (a mktemp -d clone)
  it.runIf(nobodyCanRead(join(ROOT, 'dist', 'harness', 'server', 'orphans.js')))("a non-root run is not failed by another user's orphan it cannot remove, and still reaps its own", async () => {
    const root = sharedRoot();
    const dead = { pid: DEAD_PID, createdAt: '2026-01-01T00:00:00Z', ...here() };
    const roots = cluster(root, 'root-orphan', dead); // root's: its data dir is closed to nobody
    const nobodys = cluster(root, 'nobody-orphan', dead, NOBODY);
    // nobody's, but with a data dir it cannot enter: removing it fails, and that fails nothing
    const stuck = cluster(root, 'stuck-orphan', dead, NOBODY);
    chownSync(join(stuck, 'data'), 0, 0);
    const orphans = new URL('../../dist/harness/server/orphans.js', import.meta.url).href;
    const script = `const { reapOrphanedClusters } = await import(${JSON.stringify(orphans)}); const lines = []; const reaped = await reapOrphanedClusters(process.argv[1], (l) => lines.push(l)); console.log(JSON.stringify({ reaped, lines }));`;
    const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile(process.execPath, ['--input-type=module', '-e', script, root], { uid: NOBODY, gid: NOBODY, cwd: ROOT }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
      ),
    );
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(JSON.parse(run.stdout)).toEqual({ reaped: [nobodys], lines: [`left orphaned cluster ${stuck}: EACCES`] });
    expect([existsSync(roots), existsSync(nobodys), existsSync(stuck)]).toEqual([true, false, true]);
  });
});
