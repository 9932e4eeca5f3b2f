import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { MigrationFolderError } from '../migration-files.js';
import { readMigrationText } from '../migration-text.js';
import { firstNonTransactional, isDirectory, isFile, refuseEmpty } from './common.js';
import { placeholdersOf, replacePlaceholders, type Placeholders } from './flyway-placeholders.js';
import type { MigrationFormat, MigrationUnit } from './types.js';

const VERSIONED = /^V(\d+(?:[._]\d+)*)__(.+)\.sql$/;
const UNDO = /^U(\d+(?:[._]\d+)*)__(.+)\.sql$/;
const REPEATABLE = /^R__(.+)\.sql$/;
const BASELINE = /^B(\d+(?:[._]\d+)*)__(.+)\.sql$/;
/** SQL callbacks: `afterMigrate.sql`, `beforeEachMigrate__grants.sql` … (Flyway's Event names). */
const CALLBACK = /^((?:before|after)[A-Z]\w*?|createSchema)(?:__.*)?\.sql$/;

/**
 * Flyway: `V<version>__<description>.sql` in version order (`V1_1__x` and `V1.1__x` are version
 * 1.1), then `R__<description>.sql` repeatables by description; `U…` undo files never run.
 * Subfolders are scanned, as Flyway scans its locations. Each migration runs in a transaction
 * unless it holds a statement the server refuses in one (Flyway detects those itself) or its
 * `<file>.conf` says `executeInTransaction=false`; then its statements run one by one.
 * `${name}` placeholders are replaced as Flyway replaces them (see flyway-placeholders.ts).
 */
export const flyway: MigrationFormat = {
  name: 'flyway',
  // Flyway restores the role and search_path after each migration
  session: 'per-file',
  describe: '`V<version>__<description>.sql`, `R__<description>.sql`, `U<version>__…` (never run)',
  detect: (dir) => sqlFilesBelow(dir).some((path) => /^[VR]\d*(?:[._]\d+)*__/.test(baseName(path))),
  list(dir) {
    const placeholders = placeholdersOf(dir);
    const versioned: Array<MigrationUnit & { parts: bigint[]; baseline: boolean }> = [];
    const repeatable: MigrationUnit[] = [];
    for (const path of sqlFilesBelow(dir)) {
      const name = baseName(path);
      const file = relative(dir, path);
      if (UNDO.test(name)) continue; // undo migrations never run
      const v = VERSIONED.exec(name) ?? BASELINE.exec(name);
      const r = REPEATABLE.exec(name);
      if (!v && !r) refuseOtherFile(dir, path, name);
      const unit = unitOf(path, file, placeholders, v ? v[1]!.replaceAll('_', '.') : r![1]!, (v ? v[2]! : r![1]!).replaceAll('_', ' '));
      if (v) versioned.push({ ...unit, parts: unit.version.split('.').map(BigInt), baseline: name.startsWith('B') });
      else repeatable.push({ ...unit, afterVersioned: true });
    }
    versioned.sort((a, b) => compareParts(a.parts, b.parts) || Number(a.baseline) - Number(b.baseline));
    fromLatestBaseline(versioned);
    for (let i = 1; i < versioned.length; i++) {
      if (compareParts(versioned[i - 1]!.parts, versioned[i]!.parts) === 0) {
        throw new MigrationFolderError(`${dir}: version ${versioned[i]!.version} is used twice (${versioned[i - 1]!.file} and ${versioned[i]!.file}): Flyway refuses this too; renumber one of them`);
      }
    }
    repeatable.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return refuseEmpty(dir, [...versioned.map(({ parts: _, baseline: __, ...unit }) => unit), ...repeatable], 'Flyway migrations (V<version>__<description>.sql)');
  },
};

function unitOf(path: string, file: string, placeholders: Placeholders, version: string, name: string): MigrationUnit {
  const conf = isFile(`${path}.conf`) ? readFileSync(`${path}.conf`, 'utf8') : '';
  const replacing = !/^\s*placeholderReplacement\s*=\s*false\s*$/m.test(conf);
  const sql = replacePlaceholders(readMigrationText(path, file), file, { ...placeholders, enabled: placeholders.enabled && replacing });
  const base: MigrationUnit = { file, path, version, name, sql, line: 1, transaction: 'file' };
  if (/^\s*executeInTransaction\s*=\s*false\s*$/m.test(conf)) return { ...base, transaction: 'none', reason: `executeInTransaction=false in ${file}.conf` };
  const nonTx = firstNonTransactional(sql);
  return nonTx ? { ...base, transaction: 'none', reason: `${nonTx.what} at line ${nonTx.line}` } : base;
}

/**
 * On an empty database Flyway starts from the latest `B<version>__` baseline migration: it runs
 * it instead of the versions up to it (a `V` of the same version included), then the later ones.
 */
function fromLatestBaseline(versioned: Array<{ parts: bigint[]; baseline: boolean }>): void {
  const latest = versioned.findLastIndex((unit) => unit.baseline);
  if (latest < 0) return;
  const parts = versioned[latest]!.parts;
  const kept = versioned.filter((unit, i) => i === latest || compareParts(unit.parts, parts) > 0);
  versioned.splice(0, versioned.length, ...kept);
}

/** A `.sql` file that is no migration: a callback says what it is; anything else is refused as a stray. */
function refuseOtherFile(dir: string, path: string, name: string): never {
  const callback = CALLBACK.exec(name);
  if (callback) {
    throw new MigrationFolderError(`${path}: a Flyway callback (${callback[1]}): Flyway runs it around the migrations, but the replay does not run callbacks yet, so the build would miss what it does. Replay this folder without it only if production ran Flyway without it too (move it out of ${dir}).`);
  }
  throw new MigrationFolderError(`${path}: not a Flyway migration name: V<version>__<description>.sql, R__<description>.sql, B<version>__<description>.sql or U<version>__<description>.sql. Rename it, or move it out of ${dir}.`);
}

/** 1.1 = 1.1.0: trailing zeros do not make another version. */
function compareParts(a: bigint[], b: bigint[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const [x, y] = [a[i] ?? 0n, b[i] ?? 0n];
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function sqlFilesBelow(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    throw new MigrationFolderError(`migrations folder ${dir} does not exist or cannot be read: check the path`);
  }
  return names.flatMap((name) => {
    const path = join(dir, name);
    if (isDirectory(path)) return sqlFilesBelow(path);
    return name.toLowerCase().endsWith('.sql') && isFile(path) ? [path] : [];
  });
}
