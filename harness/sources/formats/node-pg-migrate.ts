import { join } from 'node:path';
import { MigrationFolderError } from '../migration-files.js';
import { readMigrationText } from '../migration-text.js';
import { entriesOf, lineAt, refuseEmpty, sqlFiles, UP_MARKERS, hasCommentLine } from './common.js';
import type { MigrationFormat, MigrationUnit } from './types.js';

// node-pg-migrate's createMigrationCommentRegex
const UP = /^\s*--[\s-]*up\s+migration/im;
const DOWN = /^\s*--[\s-]*down\s+migration/im;

/**
 * node-pg-migrate's SQL migrations: `<timestamp>_<name>.sql` with `-- Up Migration` and
 * `-- Down Migration`. The up part runs whole, all of them in one transaction. Order and sections follow
 * node-pg-migrate (src/utils/comparators.ts, src/sqlMigration.ts getActions).
 */
export const nodePgMigrate: MigrationFormat = {
  name: 'node-pg-migrate',
  // every migration on one pg.Client, all pending ones in one transaction: its CLI's default
  // (singleTransaction, src/runner.ts; --no-single-transaction is not replayed)
  session: 'one-transaction',
  describe: '`<timestamp>_<name>.sql` with `-- Up Migration` / `-- Down Migration`',
  detect: (dir) => sqlFiles(dir).some((name) => hasCommentLine(readMigrationText(join(dir, name), name), UP_MARKERS[2]!.pattern)),
  list(dir) {
    const code = entriesOf(dir).find((name) => /\.(c|m)?(js|ts)$/.test(name));
    if (code) throw new MigrationFolderError(`${join(dir, code)}: a JavaScript/TypeScript migration cannot be replayed from SQL; only node-pg-migrate's .sql migrations can. Move it out, or write its SQL as a .sql migration.`);
    const units = sqlFiles(dir).map((file): MigrationUnit => {
      // all the leading digits, whatever follows (getNumericPrefix in src/utils/fileNameUtils.ts): `123abc.sql`, `1700000000000.init.sql`
      const match = /^(\d+)[_-]?(.*?)\.sql$/i.exec(file);
      if (!match) throw new MigrationFolderError(`${join(dir, file)}: no timestamp in the file name: node-pg-migrate names files <timestamp>_<name>.sql`);
      return { file, path: join(dir, file), version: match[1]!, name: match[2]!, transaction: 'file', ...upPart(readMigrationText(join(dir, file), file)) };
    });
    units.sort((a, b) => compareFileNames(a.file, b.file));
    // its CLI sets the search_path to its `schema` option (default public) before migrating
    // (src/runner.ts): "$user" is not searched, so a schema named after the role takes nothing
    if (units[0]) units[0] = { ...units[0], setup: 'SET search_path TO "public"' };
    return refuseEmpty(dir, units);
  },
};

/**
 * What getActions runs as the up migration: from the up marker to the down marker (or the end
 * when the down marker comes first); without an up marker, the whole file — its down part too.
 */
function upPart(text: string): { sql: string; line: number; note?: string } {
  const up = text.search(UP);
  const down = text.search(DOWN);
  if (up < 0) {
    const note = down >= 0 ? `no "-- Up Migration" line: node-pg-migrate runs the whole file as the up migration, the "-- Down Migration" part (line ${lineAt(text, down)}) too` : undefined;
    return { sql: text, line: 1, ...(note ? { note } : {}) };
  }
  return { sql: text.slice(up, down < up ? undefined : down), line: lineAt(text, up) };
}

/**
 * node-pg-migrate's order: by the number the name starts with (17 digits read as a UTC time
 * yyyymmddhhmmssSSS, anything else as a number), then by a numeric, punctuation-blind compare.
 * The number is all the leading digits, whatever follows them (`1700000000000-x.sql`, `123.sql`),
 * as in node-pg-migrate 9's src/utils/fileNameUtils.ts getNumericPrefix; 8.x took the text
 * before the first `_` instead, and 0 when that was not all digits.
 */
export function compareFileNames(a: string, b: string): number {
  return numericPrefix(a) - numericPrefix(b) || a.localeCompare(b, undefined, { usage: 'sort', numeric: true, sensitivity: 'variant', ignorePunctuation: true });
}

function numericPrefix(file: string): number {
  const prefix = /^\d+/.exec(file)![0];
  if (prefix.length !== 17) return Number(prefix);
  const [y, mo, d, h, mi, s, ms] = [0, 4, 6, 8, 10, 12, 14].map((at, i, all) => prefix.slice(at, all[i + 1] ?? 17));
  return new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z`).valueOf();
}
