import { existsSync, readdirSync, readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { parseSnapshot, serializeSnapshot } from '../catalog/json.js';
import type { Snapshot } from '../catalog/model.js';
import type { DerivedTextStore } from '../sources/source.js';
import { writeFileAtomic } from '../util/write-atomic.js';

/**
 * Snapshots of built sources on disk, one file per content key (.parity-cache/snapshots/), so
 * a `parity check` whose inputs did not change builds nothing. The key names every input, the
 * server major and the harness itself: a changed migration is a different key, never a stale hit.
 * The cache is an optimisation: a folder it cannot read or write is a warning, never a failed run.
 * It is bounded: every change of an input writes a new entry, so after each write the entries
 * least recently used (read or written: a hit touches its file) beyond `limits` are removed.
 */
export class SnapshotCache implements DerivedTextStore {
  #warned = false;

  constructor(
    readonly dir: string,
    private readonly warn: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
    private readonly limits: CacheLimits = DEFAULT_LIMITS,
  ) {}

  static forProject(root: string, env = process.env): SnapshotCache | undefined {
    if (env.PARITY_NO_CACHE === '1') return undefined;
    return new SnapshotCache(env.PARITY_CACHE_DIR ?? join(root, '.parity-cache', 'snapshots'));
  }

  get(key: string): Snapshot | undefined {
    const file = join(this.dir, `${key}.json`);
    try {
      if (!existsSync(file)) return undefined;
      const snapshot = parseSnapshot(readFileSync(file, 'utf8'), file);
      touch(file);
      return snapshot;
    } catch {
      removeQuietly(file); // unreadable: rebuild rather than fail
      return undefined;
    }
  }

  set(key: string, snapshot: Snapshot): void {
    const file = join(this.dir, `${key}.json`);
    if (this.#write(file, () => serializeSnapshot(snapshot))) evictBeyond(this.dir, this.limits, file);
  }

  /** Text a source derived from its files (the digest of drizzle-kit's SQL of a schema module), kept in `<dir>/<kind>/`. */
  getDerived(kind: string, key: string): string | undefined {
    const file = join(this.dir, kind, key);
    try {
      if (!existsSync(file)) return undefined;
      const text = readFileSync(file, 'utf8');
      touch(file);
      return text;
    } catch {
      return undefined;
    }
  }

  setDerived(kind: string, key: string, text: string): void {
    const file = join(this.dir, kind, key);
    if (this.#write(file, () => text)) evictBeyond(join(this.dir, kind), this.limits, file);
  }

  forgetDerived(kind: string, key: string): void {
    removeQuietly(join(this.dir, kind, key));
  }

  /** Written beside and renamed (writeFileAtomic): a reader never sees half of it. A folder it cannot write is a warning, once. */
  #write(file: string, text: () => string): boolean {
    try {
      writeFileAtomic(file, text());
      return true;
    } catch (error) {
      if (!this.#warned) {
        this.#warned = true;
        const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
        this.warn(`parity: warning: cannot write the snapshot cache in ${this.dir} (${code}); going on without it. Set PARITY_CACHE_DIR to a writable folder, or pass --no-cache.`);
      }
      return false;
    }
  }
}

/** How much one folder of the cache keeps (the snapshots; each kind of derived text apart). */
export interface CacheLimits {
  entries: number;
  bytes: number;
}

/** A project's few sources, over many changes and a few majors; a large schema's snapshot is a few MB. */
export const DEFAULT_LIMITS: CacheLimits = { entries: 200, bytes: 256 * 1024 * 1024 };

/** Marks a file used now (what eviction goes by); a cache it cannot write keeps the old time. */
function touch(file: string): void {
  try {
    const now = new Date();
    utimesSync(file, now, now);
  } catch {
    /* read-only: fine */
  }
}

/**
 * Removes the files of `dir` least recently used until at most `limits` remain, never `keep`
 * (the one just written). Only the cache's own entries (no folder, no other process's temp file).
 */
function evictBeyond(dir: string, limits: CacheLimits, keep: string): void {
  let entries: { file: string; used: number; size: number }[];
  try {
    entries = readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isFile() && !entry.name.endsWith('.tmp'))
      .flatMap((entry) => {
        const file = join(dir, entry.name);
        try {
          const stat = statSync(file);
          return [{ file, used: stat.mtimeMs, size: stat.size }];
        } catch {
          return []; // removed meanwhile (another process evicting)
        }
      });
  } catch {
    return;
  }
  let bytes = entries.reduce((sum, entry) => sum + entry.size, 0);
  let count = entries.length;
  // the oldest first; the one just written last of all
  entries.sort((a, b) => (a.file === keep ? 1 : b.file === keep ? -1 : a.used - b.used));
  for (const entry of entries) {
    if (count <= limits.entries && bytes <= limits.bytes) break;
    if (entry.file === keep) break;
    removeQuietly(entry.file);
    count--;
    bytes -= entry.size;
  }
}

function removeQuietly(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    /* a folder we cannot write: the file stays, the run goes on */
  }
}
