import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { legacySource } from '../sources/legacy.js';
import type { BuildableSource } from '../sources/source.js';

/** A source the project checks, and the committed snapshot that is its reviewed truth. */
export interface CheckedSource {
  name: string;
  source: BuildableSource;
  snapshotFile: string;
}

/**
 * The project's layout by convention: `migrations-legacy/` is the legacy chain and
 * `snapshots/<name>.snapshot.json` its committed snapshot.
 */
export function projectSources(root = process.cwd()): CheckedSource[] {
  const sources: CheckedSource[] = [];
  const legacyDir = resolve(root, 'migrations-legacy');
  if (existsSync(legacyDir)) {
    sources.push({ name: 'legacy', source: legacySource(legacyDir), snapshotFile: join(root, 'snapshots', 'legacy.snapshot.json') });
  }
  return sources;
}
