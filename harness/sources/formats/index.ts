import { join } from 'node:path';
import { MigrationFolderError } from '../migration-files.js';
import { readMigrationText } from '../migration-text.js';
import { commentLines, sqlFiles, UP_MARKERS } from './common.js';
import { dbmate } from './dbmate.js';
import { flyway } from './flyway.js';
import { golangMigrate } from './golang-migrate.js';
import { goose } from './goose.js';
import { nodePgMigrate } from './node-pg-migrate.js';
import { atlas, plain } from './plain.js';
import { prisma } from './prisma.js';
import { sqitch } from './sqitch.js';
import { isSupabaseFolder } from './supabase.js';
import { FORMAT_NAMES, type FormatName, type MigrationFormat } from './types.js';

export { FORMAT_NAMES, type FormatName, type MigrationFormat, type MigrationUnit, type SessionMode, type SkippedFile, type TransactionMode } from './types.js';

export const FORMATS: Record<FormatName, MigrationFormat> = {
  plain,
  atlas,
  dbmate,
  goose,
  'golang-migrate': golangMigrate,
  'node-pg-migrate': nodePgMigrate,
  flyway,
  prisma,
  sqitch,
};

export function isFormatName(name: string): name is FormatName {
  return (FORMAT_NAMES as readonly string[]).includes(name);
}

/**
 * The tool that wrote `dir`, from what only that tool writes: `sqitch.plan`, Prisma's
 * `migration_lock.toml` / `<ts>_<name>/migration.sql`, Flyway's `V1__`/`R__` names,
 * golang-migrate's `.up.sql`, the up markers of goose, dbmate and node-pg-migrate, Atlas'
 * `atlas.sum`; anything else is plain, and so is a `supabase/migrations` folder. A folder with the
 * markers of two tools is refused.
 */
export function detectFormat(dir: string): MigrationFormat {
  // supabase/migrations is what the Supabase CLI applies, whole, whatever markers a file holds
  // (a file copied from a goose folder): plain, whose Supabase reading refuses another tool's down section
  if (isSupabaseFolder(dir)) return plain;
  for (const format of [sqitch, prisma, flyway, golangMigrate]) if (format.detect(dir)) return format;
  const found = new Map<string, string>();
  for (const file of sqlFiles(dir)) {
    // the file's own comment lines: a marker inside a block comment, a string or a body is none
    const lines = commentLines(readMigrationText(join(dir, file), file));
    for (const { tool, pattern } of UP_MARKERS) if (!found.has(tool) && lines.some(({ line }) => pattern.test(line))) found.set(tool, file);
  }
  if (found.size > 1) {
    const which = [...found].map(([tool, file]) => `${tool} (${file})`).join(' and ');
    throw new MigrationFolderError(`${dir}: files of ${which} in one folder: say which tool wrote it, e.g. legacy:<dir>?format=${[...found.keys()][0]}`);
  }
  const [tool] = [...found.keys()];
  if (tool) return FORMATS[tool as FormatName];
  return atlas.detect(dir) ? atlas : plain;
}

/** The named format, or the detected one. */
export function formatOf(dir: string, name?: FormatName): MigrationFormat {
  return name ? FORMATS[name] : detectFormat(dir);
}
