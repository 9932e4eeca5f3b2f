import { join } from 'node:path';
import { MigrationFolderError } from '../migration-files.js';
import { readMigrationText } from '../migration-text.js';
import { compareVersions, refuseDuplicates, refuseEmpty, sqlFiles } from './common.js';
import type { MigrationFormat } from './types.js';

/**
 * golang-migrate: `<version>_<name>.up.sql` and `.down.sql`. Only the up files run, each sent
 * whole as one query (the server runs it as one implicit transaction).
 */
export const golangMigrate: MigrationFormat = {
  name: 'golang-migrate',
  describe: '`<version>_<name>.up.sql` / `.down.sql`',
  detect: (dir) => sqlFiles(dir).some((name) => /\.up\.sql$/i.test(name)),
  list(dir) {
    const units = sqlFiles(dir)
      .filter((file) => !/\.down\.sql$/i.test(file))
      .map((file) => {
        const match = /^(\d+)_(.*)\.up\.sql$/i.exec(file);
        if (!match) throw new MigrationFolderError(`${join(dir, file)}: golang-migrate names files <version>_<name>.up.sql and <version>_<name>.down.sql; rename it, or move it out of ${dir}`);
        const path = join(dir, file);
        return { file, path, version: match[1]!, name: match[2]!, sql: readMigrationText(path, file), line: 1, transaction: 'implicit' as const };
      });
    units.sort((a, b) => compareVersions(a.version, b.version));
    refuseDuplicates(dir, units);
    return refuseEmpty(dir, units, '.up.sql migration files');
  },
};
