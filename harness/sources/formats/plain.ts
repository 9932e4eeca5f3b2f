import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { listMigrations, MigrationFolderError, type MigrationFile } from '../migration-files.js';
import { readMigrationText } from '../migration-text.js';
import { commentLines, DOWN_MARKERS, firstNonTransactional, lineAt, refuseDownSection, refusePsqlFeatures } from './common.js';
import { isSupabaseFolder, supabaseMigrations, supabaseSkipped, supabaseUnit } from './supabase.js';
import type { MigrationFormat, MigrationUnit } from './types.js';

/**
 * Numbered or timestamped `.sql` files, each run whole in its own transaction (psql -1 -f): ours,
 * Supabase. A file holding a statement the server refuses in a transaction block
 * (CREATE INDEX CONCURRENTLY, VACUUM …) runs statement by statement outside one instead.
 * A `supabase/migrations` folder holds the files the Supabase CLI applies (see supabase.ts).
 */
export const plain: MigrationFormat = {
  name: 'plain',
  // psql runs each file in a new session
  session: 'per-file',
  // the Supabase CLI runs all files on one connection, RESET ALL before each (pkg/migration/apply.go)
  sessionOf: (dir) => (isSupabaseFolder(dir) ? 'reset-all' : 'per-file'),
  describe: '`<version>_<name>.sql` (`001_init.sql`, `20250331002414_init.sql`): ours, Supabase',
  ledger: true,
  detect: () => true,
  skipped: (dir) => (isSupabaseFolder(dir) ? supabaseSkipped(dir) : []),
  list(dir) {
    if (isSupabaseFolder(dir)) return supabaseMigrations(dir).map((file) => supabaseUnit(unitOf(file, 'plain', true)));
    return listMigrations(dir).map((file) => {
      const unit = unitOf(file, 'plain');
      const nonTx = firstNonTransactional(unit.sql);
      return nonTx ? { ...unit, transaction: 'none' as const, reason: `${nonTx.what} at line ${nonTx.line}` } : unit;
    });
  },
};

/**
 * Atlas: plain files plus `atlas.sum` (a checksum file, ignored). Each file in its own transaction
 * unless its header says `-- atlas:txmode none` (see atlasTxmode).
 */
export const atlas: MigrationFormat = {
  name: 'atlas',
  // as psql: not verified against Atlas, which may keep one connection
  session: 'per-file',
  describe: '`<version>_<name>.sql` with `atlas.sum`',
  detect: (dir) => existsSync(join(dir, 'atlas.sum')),
  list(dir) {
    return listMigrations(dir).map((file) => {
      const unit = unitOf(file, 'atlas');
      const txmode = atlasTxmode(unit.file, unit.sql);
      return txmode === 'none' ? { ...unit, transaction: 'none' as const, reason: '-- atlas:txmode none' } : unit;
    });
  },
};

/** Atlas' directive pattern (reDirective in ariga/atlas sql/migrate/dir.go): any printable prefix, `atlas:<name>`, its arguments. */
const ATLAS_DIRECTIVE = /^([ -~]*)atlas:(\w+)(?: +(.+))*/;

/**
 * The file's `atlas:txmode`, read as Atlas reads it (ariga/atlas sql/migrate/dir.go
 * LocalFile.comments and Directive, cmd/atlas/internal/cmdapi/migrate.go txmodeFor): only from
 * the file's header, the lines starting with `--` or `#` at the very top, and only when a blank
 * line follows them (else they are the first statement's comments); none, file, or refused.
 */
export function atlasTxmode(file: string, sql: string): 'none' | 'file' | undefined {
  const header: Array<{ line: number; text: string }> = [];
  let rest = sql;
  for (let line = 1; rest.startsWith('#') || rest.startsWith('--'); line++) {
    const eol = rest.indexOf('\n');
    if (eol < 0) {
      header.push({ line, text: rest }); // a file of comments only
      rest = '';
      break;
    }
    header.push({ line, text: rest.slice(0, eol).trim() });
    rest = rest.slice(eol + 1);
  }
  if (rest !== '' && !rest.replace(/^[ \t]*/, '').startsWith('\n')) return undefined; // no header
  const found = header.flatMap(({ line, text }) => {
    const m = ATLAS_DIRECTIVE.exec(text);
    return m && m[2] === 'txmode' ? [{ line, value: m[3] ?? '' }] : [];
  });
  if (found.length === 0) return undefined;
  const refuse = (line: number, message: string) => new MigrationFolderError(`${file}:${line}: ${message} (Atlas refuses this file too)`);
  if (found.length > 1) throw refuse(found[1]!.line, 'a second atlas:txmode directive');
  const { line, value } = found[0]!;
  if (value === 'all') throw new MigrationFolderError(`${file}:${line}: txmode "all" is not allowed in a file directive (Atlas refuses this file too): use "file"`);
  if (value !== 'none' && value !== 'file') throw new MigrationFolderError(`${file}:${line}: unknown txmode "${value}" (Atlas refuses this file too): use "none" or "file"`);
  return value;
}

function unitOf(file: MigrationFile, format: string, supabase = false): MigrationUnit {
  const sql = readMigrationText(file.path, file.file);
  if (supabase) refuseSupabaseDownSection(file.file, sql);
  refuseDownSection(file.file, sql, format);
  if (format === 'plain') refusePsqlFeatures(file.file, sql); // psql runs these files
  return { file: file.file, path: file.path, version: file.version.toString(), name: file.name, sql, line: 1, transaction: 'file' };
}

/**
 * Another tool's down section in a file of `supabase/migrations`: the Supabase CLI applies every
 * statement of the file, that section too. Refused, saying so: the usual case is a file written
 * for another tool and copied into the Supabase folder.
 */
function refuseSupabaseDownSection(file: string, sql: string): void {
  const lines = commentLines(sql);
  for (const { tool, pattern } of DOWN_MARKERS) {
    const match = lines.find(({ line }) => pattern.test(line));
    if (!match) continue;
    throw new MigrationFolderError(
      `${file}:${lineAt(sql, match.index)}: "${match.line.trim()}" starts a ${tool} down section, and the Supabase CLI applies the whole file, this section too: remove the section from the file (keep it elsewhere, outside supabase/migrations); if ${tool}, not the Supabase CLI, applies this folder, read it as ${tool} (legacy:<dir>?format=${tool})`,
    );
  }
}
