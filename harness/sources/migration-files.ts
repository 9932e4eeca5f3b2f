import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ParityError, type ErrorFields } from '../errors.js';

/** One versioned migration file of a legacy folder. */
export interface MigrationFile {
  version: bigint;
  name: string;
  /** File name, e.g. `007_add_contact.sql`. */
  file: string;
  path: string;
}

/** Raised for a folder the runner must refuse; the message names the folder or file and what to do. */
export class MigrationFolderError extends ParityError {
  override name = 'MigrationFolderError';
  constructor(message: string, options?: ErrorOptions & ErrorFields) {
    super('migration-folder', message, options);
  }
}

/**
 * Versions by naming convention, so other teams' folders work too:
 *   001_init.sql, 0001_init.sql, 20250331002414_init.sql, 20250331002414.sql (Atlas, dbmate,
 *   Supabase), V1__init.sql (Flyway), 001_init.up.sql (golang-migrate; .down.sql files are skipped).
 */
const PATTERNS: RegExp[] = [/^V(\d+)__(.+)\.sql$/i, /^(\d+)(?:[_-](.+?))?(?:\.up)?\.sql$/i];

/** Versions below this are sequence numbers (gaps are refused); above it they are timestamps. */
const TIMESTAMP_VERSION = 1_000_000n;

export function parseMigrationFileName(file: string): { version: bigint; name: string } | undefined {
  for (const pattern of PATTERNS) {
    const match = pattern.exec(file);
    if (match) return { version: BigInt(match[1]!), name: match[2] ?? '' };
  }
  return undefined;
}

/**
 * The migrations of `dir` in version order. Subfolders and non-.sql files are ignored (keep
 * never-applied migrations in a subfolder). Refuses: a missing or empty folder, a .sql file
 * without a version, a duplicate version, and a gap where versions are sequence numbers.
 */
export function listMigrations(dir: string): MigrationFile[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    throw new MigrationFolderError(`migrations folder ${dir} does not exist or cannot be read: check the path`);
  }
  const files: MigrationFile[] = [];
  for (const file of entries.sort()) {
    const path = join(dir, file);
    if (!file.toLowerCase().endsWith('.sql') || !statSync(path).isFile()) continue;
    if (/\.down\.sql$/i.test(file)) continue;
    const parsed = parseMigrationFileName(file);
    if (!parsed) {
      throw new MigrationFolderError(
        `${path}: no version in the file name. Name it <version>_<name>.sql (e.g. 007_add_contact.sql, 20250331002414_init.sql, V7__add_contact.sql), or move it out of ${dir} if it must not run.`,
      );
    }
    files.push({ ...parsed, file, path });
  }
  if (files.length === 0) throw new MigrationFolderError(`migrations folder ${dir} has no .sql migration files`);
  files.sort((a, b) => (a.version < b.version ? -1 : a.version > b.version ? 1 : 0));
  for (let i = 1; i < files.length; i++) {
    const [previous, current] = [files[i - 1]!, files[i]!];
    if (previous.version === current.version) {
      throw new MigrationFolderError(`${dir}: version ${current.version} is used twice (${previous.file} and ${current.file}): renumber one of them`);
    }
  }
  const last = files[files.length - 1]!;
  if (last.version < TIMESTAMP_VERSION) {
    for (let i = 1; i < files.length; i++) {
      const [previous, current] = [files[i - 1]!, files[i]!];
      if (current.version !== previous.version + 1n) {
        const missing = current.version === previous.version + 2n ? `${previous.version + 1n}` : `${previous.version + 1n}–${current.version - 1n}`;
        throw new MigrationFolderError(
          `${dir}: version ${missing} is missing between ${previous.file} and ${current.file}. A gap usually means a lost file: restore it, or renumber.`,
        );
      }
    }
  }
  return files;
}
