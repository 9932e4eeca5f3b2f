import { basename, dirname, join, resolve } from 'node:path';
import { MigrationFolderError, type MigrationFile } from '../migration-files.js';
import { nonTransactional } from '../sql-split.js';
import { splitStatements, type SqlStatement } from '../../sql/statements.js';
import { entriesOf, isDirectory, lineAt } from './common.js';
import type { MigrationUnit, SkippedFile } from './types.js';

/** The Supabase CLI's pattern (pkg/migration/file.go): anything else in the folder is skipped. */
const NAME = /^([0-9]+)_(.*)\.sql$/;
/** The first file, `<14 digits>_init.sql` before this, is an old CLI's schema dump: skipped. */
const INIT = /([0-9]{14})_init\.sql/;
const LAST_INIT_DUMP = 20211209000000n;

/** The Supabase CLI reads only `supabase/migrations` of the project: that path is the sign. */
export function isSupabaseFolder(dir: string): boolean {
  const path = resolve(dir);
  return basename(path) === 'migrations' && basename(dirname(path)) === 'supabase';
}

/**
 * What the Supabase CLI does with each entry of the folder (pkg/migration/list.go): in file-name
 * order, directories passed over, an old `<ts>_init.sql` first file and any name that is not
 * `<digits>_<name>.sql` skipped with a message, the rest applied.
 */
type Entry = { file: string; skip?: string; match?: RegExpExecArray };

function entries(dir: string): Entry[] {
  return entriesOf(dir).flatMap((file, i): Entry[] => {
    if (isDirectory(join(dir, file))) return [];
    const init = INIT.exec(file);
    if (i === 0 && init && BigInt(init[1]!) < LAST_INIT_DUMP) return [{ file, skip: 'the Supabase CLI skips a first <timestamp>_init.sql older than 20211209000000 (an old CLI\'s schema dump); rename it to apply it' }];
    const match = NAME.exec(file);
    return match ? [{ file, match }] : [{ file, skip: 'the Supabase CLI applies only files named <timestamp>_<name>.sql' }];
  });
}

export function supabaseSkipped(dir: string): SkippedFile[] {
  return entries(dir).flatMap(({ file, skip }) => (skip ? [{ file, why: skip }] : []));
}

/** The files the Supabase CLI applies, in its order; two with one version are refused (its history table refuses the second). */
export function supabaseMigrations(dir: string): MigrationFile[] {
  const files: MigrationFile[] = [];
  const seen = new Map<string, string>();
  for (const { file, match } of entries(dir)) {
    if (!match) continue;
    const first = seen.get(match[1]!);
    if (first) throw new MigrationFolderError(`${dir}: version ${match[1]} is used twice (${first} and ${file}): the Supabase CLI fails on the second; renumber one of them`);
    seen.set(match[1]!, file);
    files.push({ version: BigInt(match[1]!), name: match[2]!, file, path: join(dir, file) });
  }
  if (files.length === 0) throw new MigrationFolderError(`migrations folder ${dir} has no <timestamp>_<name>.sql migration files`);
  return files;
}

/**
 * What the Supabase CLI runs on its own, outside the file's transaction (legacyIsPipelineIncompatible
 * in apps/cli/src/legacy/shared/legacy-migration-apply.ts, since CLI 2.109; DROP INDEX
 * CONCURRENTLY since supabase/cli#6276). Older CLIs sent the whole file as one pipeline.
 */
function runsAlone(statement: SqlStatement): string | undefined {
  const w = statement.words;
  const [a, b, c] = w;
  if (a === 'create' && (b === 'index' || (b === 'unique' && c === 'index')) && w[b === 'index' ? 2 : 3] === 'concurrently') return 'CREATE INDEX CONCURRENTLY';
  if (a === 'drop' && b === 'index' && c === 'concurrently') return 'DROP INDEX CONCURRENTLY';
  if (a === 'reindex' && w.includes('concurrently')) return 'REINDEX CONCURRENTLY';
  if (a === 'vacuum') return 'VACUUM';
  if (a === 'alter' && b === 'system') return 'ALTER SYSTEM';
  if (a === 'cluster') return 'CLUSTER';
  return undefined;
}

/**
 * A file as the Supabase CLI applies it (apps/cli/src/legacy/shared/legacy-migration-apply.ts
 * execMigrationBatch): its statements in one transaction with the history row; a statement it
 * runs on its own ends the transaction before it and a new one starts after it. A statement the
 * server refuses in a transaction that the CLI does not run on its own (CREATE DATABASE …) fails
 * there: refused here.
 */
export function supabaseUnit(unit: MigrationUnit): MigrationUnit {
  const statements = splitStatements(unit.sql);
  const alone: number[] = [];
  for (const [i, statement] of statements.entries()) {
    if (runsAlone(statement)) {
      alone.push(i);
      continue;
    }
    const refused = nonTransactional(statement);
    if (refused) {
      throw new MigrationFolderError(
        `${unit.file}:${unit.line + lineAt(unit.sql, statement.start) - 1}: ${refused} cannot run in a transaction, and the Supabase CLI runs it in the file's transaction (it fails on this file too): run it outside the migrations`,
      );
    }
  }
  if (alone.length === 0) return unit;
  const lines = alone.map((i) => `${runsAlone(statements[i]!)} at line ${unit.line + lineAt(unit.sql, statements[i]!.start) - 1}`);
  // nothing but such statements: statement by statement is the same
  if (alone.length === statements.length) return { ...unit, transaction: 'none', reason: lines[0] };
  return {
    ...unit,
    transaction: 'batches',
    statements: statements.map((s): [number, number] => [s.start, s.end]),
    alone,
    note: `${lines.join(', ')} outside a transaction, the statements before and after in one each, as the Supabase CLI runs them`,
  };
}
