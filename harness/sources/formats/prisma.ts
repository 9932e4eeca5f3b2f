import { join } from 'node:path';
import { MigrationFolderError } from '../migration-files.js';
import { readMigrationText } from '../migration-text.js';
import { entriesOf, isDirectory, isFile, refuseEmpty } from './common.js';
import type { MigrationFormat } from './types.js';

/**
 * Prisma Migrate: `<timestamp>_<name>/migration.sql` folders next to `migration_lock.toml`, run in
 * folder-name order, each script sent whole as one query (one implicit transaction).
 */
export const prisma: MigrationFormat = {
  name: 'prisma',
  // as psql: not verified against Prisma's schema engine
  session: 'per-file',
  describe: '`<timestamp>_<name>/migration.sql` with `migration_lock.toml`',
  detect: (dir) => isFile(join(dir, 'migration_lock.toml')) || entriesOf(dir).some((name) => /^\d{14}_/.test(name) && isFile(join(dir, name, 'migration.sql'))),
  list(dir) {
    const units = entriesOf(dir)
      .filter((name) => isDirectory(join(dir, name)))
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
