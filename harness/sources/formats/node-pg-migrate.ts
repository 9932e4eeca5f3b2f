import { join } from 'node:path';
import { MigrationFolderError } from '../migration-files.js';
import { readMigrationText } from '../migration-text.js';
import { entriesOf, lineAt, refuseEmpty, sqlFiles, UP_MARKERS } from './common.js';
import type { MigrationFormat, MigrationUnit } from './types.js';

const UP = /^\s*--[\s-]*up\s+migration/im;
const DOWN = /^\s*--[\s-]*down\s+migration/im;

/**
 * node-pg-migrate's SQL migrations: `<timestamp>_<name>.sql` with `-- Up Migration` and
 * `-- Down Migration`. The up part runs whole, in a transaction; files run in name order.
 */
export const nodePgMigrate: MigrationFormat = {
  name: 'node-pg-migrate',
  describe: '`<timestamp>_<name>.sql` with `-- Up Migration` / `-- Down Migration`',
  detect: (dir) => sqlFiles(dir).some((name) => UP_MARKERS[2]!.pattern.test(readMigrationText(join(dir, name), name))),
  list(dir) {
    const code = entriesOf(dir).find((name) => /\.(c|m)?(js|ts)$/.test(name));
    if (code) throw new MigrationFolderError(`${join(dir, code)}: a JavaScript/TypeScript migration cannot be replayed from SQL; only node-pg-migrate's .sql migrations can. Move it out, or write its SQL as a .sql migration.`);
    const units = sqlFiles(dir).map((file): MigrationUnit => {
      const match = /^(\d+)(?:[_-](.*))?\.sql$/i.exec(file);
      if (!match) throw new MigrationFolderError(`${join(dir, file)}: no timestamp in the file name: node-pg-migrate names files <timestamp>_<name>.sql`);
      const text = readMigrationText(join(dir, file), file);
      const up = UP.exec(text);
      const down = DOWN.exec(text);
      const start = up ? up.index : 0;
      const end = down && down.index >= start ? down.index : text.length;
      return { file, path: join(dir, file), version: match[1]!, name: match[2] ?? '', sql: text.slice(start, end), line: lineAt(text, start), transaction: 'file' };
    });
    // node-pg-migrate runs them in file-name order
    return refuseEmpty(dir, units);
  },
};
