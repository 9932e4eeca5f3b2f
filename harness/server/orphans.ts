import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commandLine, isAlive, postmasterPid, stopPostmaster } from './processes.js';

/** Every embedded cluster lives in `<tmpdir>/schema-parity-pg-*`, with an owner.json naming the Node process that owns it. */
export const CLUSTER_DIR_PREFIX = 'schema-parity-pg-';

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
export async function reapOrphanedClusters(root = tmpdir(), log: (line: string) => void = () => {}): Promise<string[]> {
  const reaped: string[] = [];
  for (const dir of clusterDirs(root)) {
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
