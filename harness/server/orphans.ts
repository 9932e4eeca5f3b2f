import { accessSync, constants, lstatSync, readdirSync, readFileSync, readlinkSync, rmSync, statfsSync, type Stats } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
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

/**
 * The marker (owner.json) a run writes into its cluster directory: the Node process that owns
 * the cluster and where that pid means something — the host, the PID namespace and the boot. A
 * pid is only a pid within one namespace of one boot of one machine: a cluster root shared with
 * a container, or a /tmp that outlived a reboot, holds markers whose pids are not ours to judge.
 */
export interface ClusterOwner {
  pid: number;
  createdAt: string;
  host?: string;
  /** readlink /proc/self/ns/pid (`pid:[4026531836]`); null where there is none (macOS). */
  pidNamespace?: string | null;
  /** /proc/sys/kernel/random/boot_id; null where there is none. */
  bootId?: string | null;
}

/** The marker of this process, to write into a new cluster directory. */
export function ownerMarker(): ClusterOwner {
  return { pid: process.pid, createdAt: new Date().toISOString(), ...whereWeRun() };
}

function whereWeRun(): Required<Pick<ClusterOwner, 'host' | 'pidNamespace' | 'bootId'>> {
  const attempt = (read: () => string) => {
    try {
      return read().trim();
    } catch {
      return null;
    }
  };
  return {
    host: hostname(),
    pidNamespace: attempt(() => readlinkSync('/proc/self/ns/pid')),
    bootId: attempt(() => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8')),
  };
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
 * Whether a cluster directory is an orphan this process may remove, and why not when it is not.
 * Only a real directory (not a symlink) owned by our uid; only a marker of our host and PID
 * namespace (then its pid is comparable with ours: reaped when that process is gone), or of an
 * earlier boot of this host (nothing of it can still run); a directory without a marker only
 * when it is older than a minute (a start that died before writing it).
 */
export function orphanStatus(dir: string): { reap: true } | { reap: false; why: string } {
  let stat: Stats;
  try {
    stat = lstatSync(dir);
  } catch {
    return { reap: false, why: 'gone' };
  }
  if (!stat.isDirectory()) return { reap: false, why: 'not a directory' };
  const uid = process.getuid?.();
  if (uid !== undefined && stat.uid !== uid) return { reap: false, why: `owned by uid ${stat.uid}, not ours (${uid})` };
  const owner = readOwner(dir);
  if (!owner) return Date.now() - stat.mtimeMs < 60_000 ? { reap: false, why: 'being created' } : { reap: true };
  const here = whereWeRun();
  if (owner.host !== here.host || (owner.pidNamespace ?? null) !== here.pidNamespace) {
    return { reap: false, why: `made on ${owner.host ?? 'an unknown host'} in PID namespace ${owner.pidNamespace ?? 'unknown'}, not ours` };
  }
  if (owner.bootId && here.bootId && owner.bootId !== here.bootId) return { reap: true };
  return isAlive(owner.pid) ? { reap: false, why: `its owner (pid ${owner.pid}) is alive` } : { reap: true };
}

/**
 * A run that was SIGKILLed cannot stop its cluster (the watchdog normally does, but it
 * may have been killed too). The next run finds clusters whose owner is gone (see
 * orphanStatus), stops their postmaster and removes their directory. What it cannot remove it
 * leaves, saying so: another run's leftovers never fail this one. Returns the directories removed.
 */
export async function reapOrphanedClusters(root?: string, log: (line: string) => void = () => {}, env = process.env): Promise<string[]> {
  const reaped: string[] = [];
  for (const dir of (root ? [root] : clusterRoots(env)).flatMap((r) => clusterDirs(r))) {
    if (!orphanStatus(dir).reap) continue;
    try {
      const dataDir = join(dir, 'data');
      const pid = postmasterPid(dataDir);
      // Only signal a process that really is the postmaster of this data directory (pids get reused).
      if (pid !== undefined && isAlive(pid) && commandLine(pid).includes(dataDir)) {
        log(`stopping orphaned embedded postgres (pid ${pid}, ${dir})`);
        await stopPostmaster(pid);
      }
      rmSync(dir, { recursive: true, force: true });
      reaped.push(dir);
    } catch (error) {
      log(`left orphaned cluster ${dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  }
  return reaped;
}
