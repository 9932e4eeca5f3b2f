import { join } from 'node:path';
import { MigrationFolderError } from '../migration-files.js';
import { readMigrationText } from '../migration-text.js';
import { entriesOf, isDirectory, isFile, refuseEmpty } from './common.js';
import type { MigrationFormat } from './types.js';

/**
 * Prisma Migrate: `<timestamp>_<name>/migration.sql` folders next to `migration_lock.toml`. Every
 * folder, in the order of `localeCompare` on its name (prisma/prisma packages/migrate/src/utils/
 * listMigrations.ts), each script sent whole as one simple query, one implicit transaction
 * (prisma-engines sql-schema-connector flavour/postgres: apply_migration_script → simple_query).
 */
export const prisma: MigrationFormat = {
  name: 'prisma',
  // the schema engine keeps one connection for the whole deploy: a SET reaches the next script
  session: 'one',
  // recorded after each script, unqualified, on that connection (flavour.rs migrations_table)
  toolTable: { name: '_prisma_migrations', found: 'on-path' },
  describe: '`<timestamp>_<name>/migration.sql` with `migration_lock.toml`',
  detect: (dir) => isFile(join(dir, 'migration_lock.toml')) || entriesOf(dir).some((name) => /^\d{14}_/.test(name) && isFile(join(dir, name, 'migration.sql'))),
  list(dir) {
    const units = entriesOf(dir)
      .filter((name) => isDirectory(join(dir, name)))
      // as Prisma's CLI sorts them (not byte order: `_a` before `_B`)
      .sort((a, b) => a.localeCompare(b))
      .map((folder) => {
        const file = `${folder}/migration.sql`;
        const path = join(dir, folder, 'migration.sql');
        if (!isFile(path)) throw new MigrationFolderError(`${join(dir, folder)}: no migration.sql in it (Prisma fails on such a folder too): add it, or move the folder out`);
        const match = /^(\d+)_(.*)$/.exec(folder);
        return { file, path, version: match?.[1] ?? folder, name: match?.[2] ?? folder, sql: readMigrationText(path, file), line: 1, transaction: 'implicit' as const };
      });
    return refuseEmpty(dir, units, '<timestamp>_<name>/migration.sql folders');
  },
};
