import { accessSync, constants, readdirSync, readFileSync, rmSync, statfsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commandLine, isAlive, postmasterPid, stopPostmaster } from './processes.js';

/** Every embedded cluster lives in `<cluster root>/schema-parity-pg-*`, with an owner.json naming the Node process that owns it. */
export const CLUSTER_DIR_PREFIX = 'schema-parity-pg-';

const SHM = '/dev/shm';
const SHM_MIN_FREE = 1024 ** 3;

/**
 * Where new clusters go: PARITY_CLUSTER_DIR, else /dev/shm when it is a writable tmpfs with at
 * least 1 GiB free (a clone of a database there takes ~8 ms instead of ~100–300 ms on disk),
 * else the temp dir.
 */
export function clusterRoot(env = process.env): string {
  if (env.PARITY_CLUSTER_DIR) return env.PARITY_CLUSTER_DIR;
  try {
    const fs = statfsSync(SHM);
    accessSync(SHM, constants.W_OK);
    if (fs.bavail * fs.bsize >= SHM_MIN_FREE) return SHM;
  } catch {
    /* no /dev/shm here */
  }
  return tmpdir();
}

/** Every place a cluster may have been put, for the reaper. */
export function clusterRoots(env = process.env): string[] {
  return [...new Set([clusterRoot(env), tmpdir(), SHM])];
}

export interface ClusterOwner {
  pid: number;
  createdAt: string;
}

export function clusterDirs(root = tmpdir()): string[] {
  try {
    return readdirSync(root)
      .filter((name) => name.startsWith(CLUSTER_DIR_PREFIX))
      .map((name) => join(root, name));
  } catch {
    return [];
  }
}

function readOwner(dir: string): ClusterOwner | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, 'owner.json'), 'utf8')) as ClusterOwner;
  } catch {
    return undefined;
  }
}

/**
 * A run that was SIGKILLed cannot stop its cluster (the watchdog normally does, but it
 * may have been killed too). The next run finds clusters whose owner is gone, stops
 * their postmaster and removes their directory. Returns the directories removed.
 */
export async function reapOrphanedClusters(root?: string, log: (line: string) => void = () => {}): Promise<string[]> {
  const reaped: string[] = [];
  for (const dir of (root ? [root] : clusterRoots()).flatMap((r) => clusterDirs(r))) {
    const owner = readOwner(dir);
    if (owner ? isAlive(owner.pid) : ageMs(dir) < 60_000) continue; // owned, or still being created
    const dataDir = join(dir, 'data');
    const pid = postmasterPid(dataDir);
    // Only signal a process that really is the postmaster of this data directory (pids get reused).
    if (pid !== undefined && isAlive(pid) && commandLine(pid).includes(dataDir)) {
      log(`stopping orphaned embedded postgres (pid ${pid}, ${dir})`);
      await stopPostmaster(pid);
    }
    rmSync(dir, { recursive: true, force: true });
    reaped.push(dir);
  }
  return reaped;
}

function ageMs(dir: string): number {
  try {
    return Date.now() - statSync(dir).mtimeMs;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
