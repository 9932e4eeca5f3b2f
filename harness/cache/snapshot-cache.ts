import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSnapshot, serializeSnapshot } from '../catalog/json.js';
import type { Snapshot } from '../catalog/model.js';

/**
 * Snapshots of built sources on disk, one file per content key (.parity-cache/snapshots/), so
 * a `parity check` whose inputs did not change builds nothing. The key names every input, the
 * server major and the harness itself: a changed migration is a different key, never a stale hit.
 */
export class SnapshotCache {
  constructor(readonly dir: string) {}

  static forProject(root: string, env = process.env): SnapshotCache | undefined {
    if (env.PARITY_NO_CACHE === '1') return undefined;
    return new SnapshotCache(env.PARITY_CACHE_DIR ?? join(root, '.parity-cache', 'snapshots'));
  }

  get(key: string): Snapshot | undefined {
    const file = join(this.dir, `${key}.json`);
    if (!existsSync(file)) return undefined;
    try {
      return parseSnapshot(readFileSync(file, 'utf8'), file);
    } catch {
      rmSync(file, { force: true }); // unreadable: rebuild rather than fail
      return undefined;
    }
  }

  set(key: string, snapshot: Snapshot): void {
    mkdirSync(this.dir, { recursive: true });
    const file = join(this.dir, `${key}.json`);
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, serializeSnapshot(snapshot));
    renameSync(temp, file);
  }
}
