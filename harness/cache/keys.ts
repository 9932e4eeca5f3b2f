import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { SnapshotOptions } from '../catalog/snapshot.js';
import type { Buildable } from '../sources/source.js';

let harnessDigest: string | undefined;

/**
 * What of the harness itself decides a snapshot: its version and the catalog code and queries
 * (a changed query changes every snapshot). Read once per process.
 */
export function harnessFingerprint(): string {
  if (harnessDigest === undefined) {
    const digest = createHash('sha256');
    digest.update(`schema-parity ${packageVersion()}\0`);
    // the catalog's queries and the code that assembles them (from harness/ or dist/harness/)
    for (const dir of ['../catalog/', '../catalog/queries/']) {
      const url = new URL(dir, import.meta.url);
      for (const name of readdirSync(url).filter((n) => /\.(sql|ts|js)$/.test(n)).sort()) digest.update(name).update(readFileSync(new URL(name, url))).update('\0');
    }
    harnessDigest = digest.digest('hex');
  }
  return harnessDigest;
}

/** The version in schema-parity's package.json (from harness/ or from dist/harness/). */
function packageVersion(): string {
  for (const up of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'schema-parity' && pkg.version) return pkg.version;
    } catch {
      /* not there */
    }
  }
  return 'unknown';
}

/** The content hash that names a built source: its inputs, the server major, the harness. */
export async function buildKey(source: Buildable, major: number): Promise<string> {
  return createHash('sha256').update(`${source.kind}\0${await source.hash()}\0pg${major}\0${harnessFingerprint()}`).digest('hex');
}

/** The key of a snapshot of a built source: the build key and the snapshot options. */
export function snapshotKey(buildKeyHex: string, options: SnapshotOptions): string {
  return createHash('sha256').update(`${buildKeyHex}\0${JSON.stringify(options.ignore ?? null)}`).digest('hex');
}
