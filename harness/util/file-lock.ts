import { closeSync, openSync, rmSync, statSync, utimesSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** A lock not touched for this long is its holder's no more (killed, or its machine gone). */
const STALE_MS = 15_000;
/** How often a holder touches its lock, and a waiter looks again. */
const HEARTBEAT_MS = 2_000;
const POLL_MS = 200;

/**
 * Runs `work` holding `lockFile`, one process at a time among those that share the folder (a
 * first fetch into a shared cache): the file is made exclusively (O_EXCL) and touched every 2 s
 * while `work` runs, then removed. Another process waits meanwhile; once `done()` holds (the
 * holder's work is there) it returns undefined without running `work`. A lock untouched for 15 s
 * is taken over (its holder was killed). Two processes that both take over a stale lock both run
 * `work`: it must stay safe to run twice (what it makes, it makes beside and renames).
 */
export async function underFileLock<T>(lockFile: string, done: () => boolean, work: () => Promise<T>, onWait?: () => void): Promise<T | undefined> {
  let waited = false;
  for (;;) {
    // done by the holder just gone: nothing to run
    if (waited && done()) return undefined;
    let fd: number | undefined;
    try {
      fd = openSync(lockFile, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (fd !== undefined) {
      closeSync(fd);
      const heartbeat = setInterval(() => {
        try {
          const now = new Date();
          utimesSync(lockFile, now, now);
        } catch {
          /* taken over, or its folder removed: the work goes on, safe to run twice */
        }
      }, HEARTBEAT_MS);
      heartbeat.unref();
      try {
        return await work();
      } finally {
        clearInterval(heartbeat);
        rmSync(lockFile, { force: true });
      }
    }
    if (done()) return undefined;
    if (isStale(lockFile)) {
      rmSync(lockFile, { force: true });
      continue;
    }
    if (!waited) onWait?.();
    waited = true;
    await sleep(POLL_MS);
  }
}

function isStale(lockFile: string): boolean {
  try {
    return Date.now() - statSync(lockFile).mtimeMs > STALE_MS;
  } catch {
    return false; // gone meanwhile: the next turn takes it
  }
}
