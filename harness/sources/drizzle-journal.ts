import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SourceBuildError } from './source.js';

/** One entry of drizzle-kit's `meta/_journal.json`, with its file. */
export interface DrizzleMigration {
  idx: number;
  tag: string;
  /** The journal's `when`: what drizzle-orm's migrator records as `created_at` and orders by. */
  when: number;
  breakpoints: boolean;
  file: string;
  sql: string;
  /** sha256 of the file, as the migrator records it. */
  hash: string;
}

/** drizzle-kit 1.x: one `<YYYYMMDDHHmmss>_<name>/migration.sql` folder per migration, no journal. */
export function isFolderLayout(dir: string): boolean {
  return !existsSync(join(dir, 'meta', '_journal.json')) && folderMigrations(dir).length > 0;
}

function folderMigrations(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  // drizzle-orm 1.x's migrator: every subfolder holding a migration.sql, by name
  return names.filter((name) => existsSync(join(dir, name, 'migration.sql'))).sort((a, b) => a.localeCompare(b));
}

/** The file a migration's errors name: `0001_baseline.sql`, `20250101000000_init/migration.sql`. */
export function migrationFileName(dir: string, migration: DrizzleMigration): string {
  return relative(dir, migration.file);
}

/**
 * The migrations of a drizzle-kit folder in the migrator's order, up to and including `upTo` (a
 * tag): journal order for drizzle-kit 0.x (`meta/_journal.json`), folder-name order for 1.x,
 * whose `when` is the folder's UTC timestamp (what drizzle-orm 1.x records as `created_at`).
 */
export function readDrizzleMigrations(dir: string, upTo?: string): DrizzleMigration[] {
  const journalFile = join(dir, 'meta', '_journal.json');
  if (!existsSync(journalFile)) {
    const folders = folderMigrations(dir);
    if (folders.length === 0) {
      throw new SourceBuildError(
        `${dir} is not a drizzle-kit migrations folder: neither ${journalFile} (drizzle-kit 0.x) nor <YYYYMMDDHHmmss>_<name>/migration.sql folders (drizzle-kit 1.x) exist (run "npx drizzle-kit generate" first)`,
      );
    }
    const migrations = folders.map((tag, idx) => {
      const stamp = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})/.exec(tag);
      if (!stamp) throw new SourceBuildError(`${join(dir, tag)}: drizzle-kit 1.x names migration folders <YYYYMMDDHHmmss>_<name>; rename it, or move it out of ${dir}`);
      const [, y, mo, d, h, mi, se] = stamp.map(Number) as number[];
      const file = join(dir, tag, 'migration.sql');
      const sql = readFileSync(file, 'utf8');
      return { idx, tag, when: Date.UTC(y!, mo! - 1, d!, h!, mi!, se!), breakpoints: true, file, sql, hash: createHash('sha256').update(sql).digest('hex') };
    });
    return upToTag(migrations, upTo, dir);
  }
  let journal: { entries?: Array<{ idx: number; tag: string; when: number; breakpoints: boolean }> };
  try {
    journal = JSON.parse(readFileSync(journalFile, 'utf8'));
  } catch (error) {
    throw new SourceBuildError(`${journalFile}: not valid JSON (${(error as Error).message})`);
  }
  const entries = journal.entries ?? [];
  if (entries.length === 0) throw new SourceBuildError(`${journalFile} lists no migrations`);
  const migrations = entries.map((entry) => {
    const file = join(dir, `${entry.tag}.sql`);
    if (!existsSync(file)) throw new SourceBuildError(`${journalFile} lists "${entry.tag}", but ${file} does not exist`);
    const sql = readFileSync(file, 'utf8');
    return { ...entry, file, sql, hash: createHash('sha256').update(sql).digest('hex') };
  });
  return upToTag(migrations, upTo, journalFile);
}

function upToTag(migrations: DrizzleMigration[], upTo: string | undefined, where: string): DrizzleMigration[] {
  if (upTo === undefined) return migrations;
  const last = migrations.findIndex((m) => m.tag === upTo);
  if (last < 0) throw new SourceBuildError(`${where} has no migration tagged "${upTo}" (tags: ${migrations.map((m) => m.tag).join(', ')})`);
  return migrations.slice(0, last + 1);
}

/** The statements drizzle-orm's migrator runs for a file: split at `--> statement-breakpoint`. */
export function statementsOf(migration: DrizzleMigration): Array<{ sql: string; line: number }> {
  const parts = migration.sql.split('--> statement-breakpoint');
  let line = 1;
  return parts.map((sql) => {
    const at = line;
    line += sql.split('\n').length - 1;
    return { sql, line: at };
  });
}
