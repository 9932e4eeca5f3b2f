import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseSnapshot, serializeSnapshot } from '../catalog/json.js';
import type { Snapshot } from '../catalog/model.js';
import type { DerivedTextStore } from '../sources/source.js';

/**
 * Snapshots of built sources on disk, one file per content key (.parity-cache/snapshots/), so
 * a `parity check` whose inputs did not change builds nothing. The key names every input, the
 * server major and the harness itself: a changed migration is a different key, never a stale hit.
 * The cache is an optimisation: a folder it cannot read or write is a warning, never a failed run.
 */
export class SnapshotCache implements DerivedTextStore {
  #warned = false;

  constructor(
    readonly dir: string,
    private readonly warn: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  ) {}

  static forProject(root: string, env = process.env): SnapshotCache | undefined {
    if (env.PARITY_NO_CACHE === '1') return undefined;
    return new SnapshotCache(env.PARITY_CACHE_DIR ?? join(root, '.parity-cache', 'snapshots'));
  }

  get(key: string): Snapshot | undefined {
    const file = join(this.dir, `${key}.json`);
    try {
      if (!existsSync(file)) return undefined;
      return parseSnapshot(readFileSync(file, 'utf8'), file);
    } catch {
      removeQuietly(file); // unreadable: rebuild rather than fail
      return undefined;
    }
  }

  set(key: string, snapshot: Snapshot): void {
    this.#write(join(this.dir, `${key}.json`), () => serializeSnapshot(snapshot));
  }

  /** Text a source derived from its files (the digest of drizzle-kit's SQL of a schema module), kept in `<dir>/<kind>/`. */
  getDerived(kind: string, key: string): string | undefined {
    const file = join(this.dir, kind, key);
    try {
      return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    } catch {
      return undefined;
    }
  }

  setDerived(kind: string, key: string, text: string): void {
    this.#write(join(this.dir, kind, key), () => text);
  }

  forgetDerived(kind: string, key: string): void {
    removeQuietly(join(this.dir, kind, key));
  }

  /** Written beside and renamed: a reader never sees half of it. A folder it cannot write is a warning, once. */
  #write(file: string, text: () => string): void {
    const temp = `${file}.${process.pid}.tmp`;
    try {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(temp, text());
      renameSync(temp, file);
    } catch (error) {
      removeQuietly(temp);
      if (!this.#warned) {
        this.#warned = true;
        const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
        this.warn(`parity: warning: cannot write the snapshot cache in ${this.dir} (${code}); going on without it. Set PARITY_CACHE_DIR to a writable folder, or pass --no-cache.`);
      }
    }
  }
}

function removeQuietly(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    /* a folder we cannot write: the file stays, the run goes on */
  }
}
