import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, onTestFinished } from 'vitest';
import { isAlive } from '../../harness/server/processes.js';
import { folderWith } from '../support/folders.js';

const SCRIPT = join(import.meta.dirname, '..', '..', 'harness', 'server', 'watchdog.sh');

/** /bin/sh (dash on Debian), and dash and bash in POSIX mode where they are installed. */
const SHELLS: string[][] = [['/bin/sh'], ['dash'], ['bash', '--posix']].filter(([name]) => spawnSync('/bin/sh', ['-c', `command -v ${name}`]).status === 0);

/** A stand-in postmaster: a process of ours whose end we can see (which signal ended it). */
function postmaster(command: string): { child: ChildProcess; ended: Promise<NodeJS.Signals | null> } {
  const child = spawn('/bin/sh', ['-c', command], { stdio: 'ignore' });
  onTestFinished(() => {
    if (isAlive(child.pid!)) child.kill('SIGKILL');
  });
  return { child, ended: new Promise((resolve) => child.once('exit', (_code, signal) => resolve(signal))) };
}

/** Until process `pid` ignores SIGINT (SigIgn in /proc/<pid>/status; where there is no /proc, a pause). */
async function ignoresSigint(pid: number): Promise<void> {
  const status = `/proc/${pid}/status`;
  if (!existsSync(status)) return sleep(500);
  for (let waited = 0; waited < 10_000; waited += 10) {
    const ignored = /^SigIgn:\s*([0-9a-f]+)$/m.exec(readFileSync(status, 'utf8'))?.[1];
    if (ignored && (BigInt(`0x${ignored}`) & 2n) !== 0n) return;
    await sleep(10);
  }
  throw new Error(`process ${pid} never ignored SIGINT`);
}

/** The watchdog on a cluster directory, its stdin a pipe that only this test holds. */
function watchdog(shell: string[], clusterDir: string, grace?: number) {
  const child = spawn(shell[0]!, [...shell.slice(1), SCRIPT, clusterDir, ...(grace === undefined ? [] : [String(grace)])], { stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) => child.once('close', (code) => resolve({ code, stderr })));
  onTestFinished(() => {
    if (isAlive(child.pid!)) child.kill('SIGKILL');
  });
  return { child, exited };
}

/** A cluster directory whose postmaster.pid names `pid`, as PostgreSQL writes it. */
function clusterOf(pid: number): string {
  return folderWith({ 'owner.json': '{}\n', 'data/postmaster.pid': `${pid}\n/somewhere/data\n1764000000\n5432\n` });
}

describe.each(SHELLS.map((shell) => [shell.join(' '), shell] as const))('the embedded cluster watchdog under %s', (_name, shell) => {
  it('waits while the owner holds the pipe; when it is gone with the cluster still there, stops the postmaster (SIGINT) and removes the directory', async () => {
    const pm = postmaster('exec sleep 600');
    const dir = clusterOf(pm.child.pid!);
    const dog = watchdog(shell, dir);
    await sleep(300);
    expect([isAlive(dog.child.pid!), isAlive(pm.child.pid!), existsSync(dir)]).toEqual([true, true, true]);
    dog.child.stdin!.destroy(); // what the owner's death does to its end
    expect(await dog.exited).toEqual({ code: 0, stderr: '' });
    expect(await pm.ended).toBe('SIGINT');
    expect(existsSync(dir)).toBe(false);
  });

  it('a postmaster that does not stop on SIGINT gets SIGKILL after the grace', async () => {
    const pm = postmaster("trap '' INT; exec sleep 600");
    // the stand-in must ignore SIGINT before the watchdog sends it: on a busy machine its shell
    // had not run the trap yet, and SIGINT ended it (a flaky 'SIGINT' instead of 'SIGKILL')
    await ignoresSigint(pm.child.pid!);
    const dir = clusterOf(pm.child.pid!);
    const dog = watchdog(shell, dir, 3);
    dog.child.stdin!.destroy();
    expect(await dog.exited).toEqual({ code: 0, stderr: '' });
    expect(await pm.ended).toBe('SIGKILL');
    expect(existsSync(dir)).toBe(false);
  });

  it('a normal stop (the directory gone when the pipe closes) exits at once and signals nothing', async () => {
    const pm = postmaster('exec sleep 600');
    const dir = clusterOf(pm.child.pid!);
    const dog = watchdog(shell, dir);
    rmSync(dir, { recursive: true });
    dog.child.stdin!.destroy();
    expect(await dog.exited).toEqual({ code: 0, stderr: '' });
    expect(isAlive(pm.child.pid!)).toBe(true);
  });

  it('a pid file without a pid, or naming no process, only removes the directory', async () => {
    for (const content of ['', 'not-a-pid\n', `${2 ** 22 + 1}\n`]) {
      const dir = folderWith({ 'data/postmaster.pid': content });
      const dog = watchdog(shell, dir);
      dog.child.stdin!.destroy();
      expect([content, await dog.exited]).toEqual([content, { code: 0, stderr: '' }]);
      expect(existsSync(dir)).toBe(false);
    }
    const empty = folderWith({});
    const dog = watchdog(shell, empty);
    dog.child.stdin!.destroy();
    expect(await dog.exited).toEqual({ code: 0, stderr: '' });
    expect(existsSync(empty)).toBe(false);
  });
});
