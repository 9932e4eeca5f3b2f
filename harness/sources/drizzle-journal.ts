import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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

/** The migrations of a drizzle-kit folder in journal order, up to and including `upTo` (a tag). */
export function readDrizzleMigrations(dir: string, upTo?: string): DrizzleMigration[] {
  const journalFile = join(dir, 'meta', '_journal.json');
  if (!existsSync(journalFile)) {
    throw new SourceBuildError(`${dir} is not a drizzle-kit migrations folder: ${journalFile} does not exist (run "npx drizzle-kit generate" first)`);
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
  if (upTo === undefined) return migrations;
  const last = migrations.findIndex((m) => m.tag === upTo);
  if (last < 0) throw new SourceBuildError(`${journalFile} has no migration tagged "${upTo}" (tags: ${migrations.map((m) => m.tag).join(', ')})`);
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
