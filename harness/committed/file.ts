import { join } from 'node:path';
import type { LoadedConfig } from '../config/load.js';

/** Where the committed, reviewed snapshot of a named source lives. */
export function snapshotFileOf(config: LoadedConfig, name: string): string {
  return join(config.root, config.snapshotDir ?? 'snapshots', `${name}.snapshot.json`);
}
