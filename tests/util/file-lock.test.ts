import { existsSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { underFileLock } from '../../harness/util/file-lock.js';
import { rejectionOf } from '../support/errors.js';
import { folderWith } from '../support/folders.js';

describe('underFileLock: one at a time among the processes that share a folder', () => {
  it('runs the work once while others wait, and they return once it is done; the lock goes after it', async () => {
    const dir = folderWith({});
    const lock = join(dir, '.work.lock');
    const made = join(dir, 'made');
    const runs: string[] = [];
    const waits: string[] = [];
    const work = (name: string) => async () => {
      runs.push(name);
      await sleep(300);
      writeFileSync(made, name);
      return name;
    };
    const done = () => existsSync(made);
    const results = await Promise.all(['a', 'b', 'c'].map((name) => underFileLock(lock, done, work(name), () => waits.push(name))));
    expect(runs).toEqual(['a']);
    expect(results).toEqual(['a', undefined, undefined]);
    expect(waits).toEqual(['b', 'c']);
    expect(existsSync(lock)).toBe(false);
  });

  it('a lock untouched for 15 s is taken over; a fresh one is waited for', async () => {
    const dir = folderWith({ '.stale.lock': '', '.fresh.lock': '' });
    const old = new Date(Date.now() - 60_000);
    utimesSync(join(dir, '.stale.lock'), old, old);
    expect(await underFileLock(join(dir, '.stale.lock'), () => false, async () => 'ran')).toBe('ran');
    expect(existsSync(join(dir, '.stale.lock'))).toBe(false);
    // its holder's work appears meanwhile: nothing to run
    let waited = false;
    const appears = setTimeout(() => writeFileSync(join(dir, 'made'), ''), 300);
    expect(await underFileLock(join(dir, '.fresh.lock'), () => existsSync(join(dir, 'made')), async () => 'ran', () => (waited = true))).toBeUndefined();
    clearTimeout(appears);
    expect(waited).toBe(true);
  });

  it('a failed work leaves no lock behind, and the next one runs', async () => {
    const lock = join(folderWith({}), '.work.lock');
    expect((await rejectionOf(underFileLock(lock, () => false, async () => Promise.reject(new Error('no network'))))).message).toBe('no network');
    expect(existsSync(lock)).toBe(false);
    expect(await underFileLock(lock, () => false, async () => 'again')).toBe('again');
  });
});
