import { join } from 'node:path';
import { MigrationFolderError } from '../migration-files.js';
import { readMigrationText } from '../migration-text.js';
import { compareVersions, entriesOf, isFile, refuseDuplicates, sqlFiles } from './common.js';
import type { MigrationFormat } from './types.js';

/**
 * golang-migrate's source.Parse pattern (source/parse.go): case-sensitive, any extension. A name it
 * does not match, or whose version does not fit a uint64, is skipped without a word.
 */
const NAME = /^([0-9]+)_(.*)\.(down|up)\.(.*)$/;
const UINT64_MAX = 2n ** 64n - 1n;

function parse(file: string): RegExpExecArray | null {
  const match = NAME.exec(file);
  return match && BigInt(match[1]!) <= UINT64_MAX ? match : null;
}

/**
 * golang-migrate: `<version>_<name>.up.sql` and `.down.sql`. Only the up files run, each sent
 * whole as one query (the server runs it as one implicit transaction).
 */
export const golangMigrate: MigrationFormat = {
  name: 'golang-migrate',
  // its postgres driver runs every migration on one *sql.Conn
  session: 'one',
  describe: '`<version>_<name>.up.sql` / `.down.sql`',
  detect: (dir) => sqlFiles(dir).some((name) => /\.up\.sql$/i.test(name)),
  skipped: (dir) =>
    sqlFiles(dir)
      .filter((file) => !parse(file))
      .map((file) => ({ file, why: NAME.test(file) ? 'its version does not fit golang-migrate’s 64-bit version number' : 'golang-migrate reads only files named <version>_<name>.up.sql or .down.sql' })),
  list(dir) {
    // every file of the folder, whatever its extension: `1_a.up.pgsql` runs, and a backup
    // `1_a.up.sql.bak` is a second up migration of version 1 (source/iofs/iofs.go Init reads all
    // entries but directories; source/migration.go Append refuses a version+direction twice)
    const parsed = entriesOf(dir)
      .filter((file) => isFile(join(dir, file)))
      .map((file) => ({ file, match: parse(file) }))
      .filter(({ match }) => match !== null);
    for (const direction of ['up', 'down']) {
      const same = parsed.filter(({ match }) => match![3] === direction).map(({ file, match }) => ({ file, version: match![1]! }));
      same.sort((a, b) => compareVersions(a.version, b.version));
      refuseDuplicates(dir, same);
    }
    const units = parsed
      .filter(({ match }) => match?.[3] === 'up')
      .map(({ file, match }) => {
        const path = join(dir, file);
        return { file, path, version: match![1]!, name: match![2]!, sql: readMigrationText(path, file), line: 1, transaction: 'implicit' as const };
      });
    units.sort((a, b) => compareVersions(a.version, b.version));
    refuseDuplicates(dir, units);
    if (units.length === 0) refuseNothingToRun(dir);
    return units;
  },
};

/** No up file: say which files golang-migrate would pass over, the usual sign of another tool's folder. */
function refuseNothingToRun(dir: string): never {
  const skipped = golangMigrate.skipped!(dir).map((s) => s.file);
  const others = skipped.length ? ` (golang-migrate would skip ${skipped.slice(0, 3).join(', ')}${skipped.length > 3 ? ' …' : ''}: it names files <version>_<name>.up.sql and <version>_<name>.down.sql)` : '';
  throw new MigrationFolderError(`migrations folder ${dir} has no .up.sql migration files${others}`);
}
