import { basename, dirname, join, resolve } from 'node:path';
import { MigrationFolderError, type MigrationFile } from '../migration-files.js';
import { entriesOf, isDirectory } from './common.js';
import type { SkippedFile } from './types.js';

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
