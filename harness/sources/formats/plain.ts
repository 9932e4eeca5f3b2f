import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { listMigrations, type MigrationFile } from '../migration-files.js';
import { readMigrationText } from '../migration-text.js';
import { firstNonTransactional, refuseDownSection, refusePsqlFeatures } from './common.js';
import { isSupabaseFolder, supabaseMigrations, supabaseSkipped } from './supabase.js';
import type { MigrationFormat, MigrationUnit } from './types.js';

/**
 * Numbered or timestamped `.sql` files, each run whole in its own transaction (psql -1 -f): ours,
 * Supabase. A file holding a statement the server refuses in a transaction block
 * (CREATE INDEX CONCURRENTLY, VACUUM …) runs statement by statement outside one instead.
 * A `supabase/migrations` folder holds the files the Supabase CLI applies (see supabase.ts).
 */
export const plain: MigrationFormat = {
  name: 'plain',
  // psql runs each file in a new session; the Supabase CLI runs RESET ALL before each
  session: 'per-file',
  describe: '`<version>_<name>.sql` (`001_init.sql`, `20250331002414_init.sql`): ours, Supabase',
  ledger: true,
  detect: () => true,
  skipped: (dir) => (isSupabaseFolder(dir) ? supabaseSkipped(dir) : []),
  list(dir) {
    return (isSupabaseFolder(dir) ? supabaseMigrations(dir) : listMigrations(dir)).map((file) => {
      const unit = unitOf(file, 'plain');
      const nonTx = firstNonTransactional(unit.sql);
      return nonTx ? { ...unit, transaction: 'none' as const, reason: `${nonTx.what} at line ${nonTx.line}` } : unit;
    });
  },
};

/**
 * Atlas: plain files plus `atlas.sum` (a checksum file, ignored). Each file in its own transaction
 * unless it says `-- atlas:txmode none`.
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
      const txmode = /^--\s*atlas:txmode\s+(\w+)/m.exec(unit.sql)?.[1];
      return txmode === 'none' ? { ...unit, transaction: 'none' as const, reason: '-- atlas:txmode none' } : unit;
    });
  },
};

function unitOf(file: MigrationFile, format: string): MigrationUnit {
  const sql = readMigrationText(file.path, file.file);
  refuseDownSection(file.file, sql, format);
  if (format === 'plain') refusePsqlFeatures(file.file, sql); // psql runs these files
  return { file: file.file, path: file.path, version: file.version.toString(), name: file.name, sql, line: 1, transaction: 'file' };
}
