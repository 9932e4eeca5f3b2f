import { join } from 'node:path';
import { MigrationFolderError } from '../migration-files.js';
import { readMigrationText } from '../migration-text.js';
import { compareVersions, lineAt, refuseDuplicates, refuseEmpty, sqlFiles, UP_MARKERS } from './common.js';
import type { MigrationFormat, MigrationUnit } from './types.js';

const UP = /^--\s*migrate:up(\s*$|\s+\S+)/m;
const DOWN = /^--\s*migrate:down(\s*$|\s+\S+)/m;

/**
 * dbmate: `<version>_<name>.sql`, each with `-- migrate:up` and `-- migrate:down` sections. Only
 * the up section runs, sent whole: in a transaction, or with `transaction:false` on the directive
 * line as one query on its own (which the server still runs as one implicit transaction).
 */
export const dbmate: MigrationFormat = {
  name: 'dbmate',
  describe: '`<version>_<name>.sql` with `-- migrate:up` / `-- migrate:down`',
  detect: (dir) => sqlFiles(dir).some((name) => UP_MARKERS[0]!.pattern.test(readMigrationText(join(dir, name), name))),
  list(dir) {
    const units = sqlFiles(dir).map((file): MigrationUnit => {
      const match = /^(\d+)(?:_(.*))?\.sql$/i.exec(file);
      if (!match) throw new MigrationFolderError(`${join(dir, file)}: no version in the file name: dbmate names files <version>_<name>.sql (e.g. 20250331002414_init.sql)`);
      const text = readMigrationText(join(dir, file), file);
      const up = UP.exec(text);
      if (!up) throw new MigrationFolderError(`${file}: no "-- migrate:up" line: dbmate requires each migration to define an up block with "-- migrate:up"`);
      const down = DOWN.exec(text);
      if (down && down.index < up.index) throw new MigrationFolderError(`${file}:${lineAt(text, down.index)}: "-- migrate:down" comes before "-- migrate:up" (dbmate refuses this order)`);
      const before = text.slice(0, up.index).split('\n').find((line) => line.trim() !== '' && !/^\s*--/.test(line));
      if (before !== undefined) throw new MigrationFolderError(`${file}: a statement precedes "-- migrate:up" (dbmate refuses it): "${before.trim().slice(0, 60)}"`);
      const options = up[0].replace(/^--\s*migrate:up/, '').trim().split(/\s+/);
      const transaction = !options.includes('transaction:false');
      return {
        file,
        path: join(dir, file),
        version: match[1]!,
        name: match[2] ?? '',
        sql: text.slice(up.index, down ? down.index : text.length),
        line: lineAt(text, up.index),
        transaction: transaction ? 'file' : 'implicit',
        ...(transaction ? {} : { reason: '-- migrate:up transaction:false' }),
      };
    });
    units.sort((a, b) => compareVersions(a.version, b.version));
    refuseDuplicates(dir, units);
    return refuseEmpty(dir, units);
  },
};
