import { join } from 'node:path';
import { MigrationFolderError } from '../migration-files.js';
import { readMigrationText } from '../migration-text.js';
import { lineAt, refuseEmpty, sqlFiles, UP_MARKERS, hasCommentLine } from './common.js';
import type { MigrationFormat, MigrationUnit, SkippedFile } from './types.js';

const UP = /^--\s*migrate:up(\s*$|\s+\S+)/gm;
const DOWN = /^--\s*migrate:down(\s*$|\s+\S+)/gm;
/** dbmate's own pattern: anything after the leading digits, `20250101000000-a.sql` too. */
const NAME = /^(\d+).*\.sql$/;

/**
 * dbmate: `<version>…sql` files in file-name order (a string sort: `10_x` before `2_x`; versions
 * are strings, so `001` and `1` are two versions). Each file holds one or more sections, each an
 * `-- migrate:up` with its `-- migrate:down` (dbmate ≥ 2.0 refuses a section without one); every
 * up section runs (dbmate ≥ 2.29), in order, each sent whole: in a transaction, or with
 * `transaction:false` on its directive line as one query on its own (which the server still runs
 * as one implicit transaction). Down sections never run.
 */
export const dbmate: MigrationFormat = {
  name: 'dbmate',
  // database/sql's pool: migrations run one after another reuse its one idle connection
  session: 'one',
  describe: '`<version>_<name>.sql` with `-- migrate:up` / `-- migrate:down`',
  detect: (dir) => sqlFiles(dir).some((name) => hasCommentLine(readMigrationText(join(dir, name), name), UP_MARKERS[0]!.pattern)),
  skipped: (dir) => sqlFiles(dir).filter((file) => !NAME.test(file)).map((file): SkippedFile => ({ file, why: 'dbmate runs only files whose name starts with the version (<version>_<name>.sql)' })),
  list(dir) {
    const files = sqlFiles(dir)
      .filter((file) => NAME.test(file))
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)); // dbmate: sort by FileName, as strings
    refuseSameVersion(dir, files);
    return refuseEmpty(dir, files.flatMap((file) => sectionsOf(dir, file)));
  },
};

function versionOf(file: string): string {
  return NAME.exec(file)![1]!;
}

/** Two files with one version: dbmate records the version twice and the second fails on the key. */
function refuseSameVersion(dir: string, files: string[]): void {
  const seen = new Map<string, string>();
  for (const file of files) {
    const first = seen.get(versionOf(file));
    if (first) throw new MigrationFolderError(`${dir}: version ${versionOf(file)} is used twice (${first} and ${file}): dbmate fails on the second; renumber one of them`);
    seen.set(versionOf(file), file);
  }
}

/** The up sections of a file as dbmate splits it: from each `-- migrate:up` to the next. */
function sectionsOf(dir: string, file: string): MigrationUnit[] {
  const text = readMigrationText(join(dir, file), file);
  const ups = [...text.matchAll(UP)];
  if (ups.length === 0) throw new MigrationFolderError(`${file}: no "-- migrate:up" line: dbmate requires each migration to define an up block with "-- migrate:up"`);
  const before = text.slice(0, ups[0]!.index).split('\n').find((line) => line.trim() !== '' && !/^\s*--/.test(line));
  if (before !== undefined) throw new MigrationFolderError(`${file}: a statement precedes "-- migrate:up" (dbmate refuses it): "${before.trim().slice(0, 60)}"`);
  // A `-- migrate:down` comment line before the first `-- migrate:up` lies outside every section:
  // dbmate ≥ 2.29 splits sections from each up directive (getMigrationSectionSubstrings in
  // pkg/dbmate/migration.go) and only checks that nothing but comments precedes the first.
  return ups.map((up, i) => {
    const end = i + 1 < ups.length ? ups[i + 1]!.index : text.length;
    const downs = [...text.slice(up.index, end).matchAll(DOWN)];
    const line = lineAt(text, up.index);
    if (downs.length === 0) {
      throw new MigrationFolderError(`${file}:${line}: this "-- migrate:up" has no "-- migrate:down" after it: dbmate 2.0 and later refuse the file. Add a "-- migrate:down" line (an empty down section is fine).`);
    }
    if (downs.length > 1) throw new MigrationFolderError(`${file}:${lineAt(text, up.index + downs[1]!.index)}: a second "-- migrate:down" without its own "-- migrate:up" (dbmate refuses this file too)`);
    return unitOf(dir, file, text, up, up.index + downs[0]!.index, i === 0 ? undefined : `up section ${i + 1} of ${ups.length} (line ${line})`);
  });
}

function unitOf(dir: string, file: string, text: string, up: RegExpMatchArray, end: number, section: string | undefined): MigrationUnit {
  // dbmate reads the options from the directive's whole line (parseMigrationOptions in
  // pkg/dbmate/migration.go), not only from what UP matched (its first word)
  const eol = text.indexOf('\n', up.index!);
  const transaction = optionsOf(text.slice(up.index!, eol < 0 ? undefined : eol)).transaction !== 'false';
  const unit: MigrationUnit = {
    file,
    path: join(dir, file),
    version: versionOf(file),
    name: /^\d+_?(.*)\.sql$/.exec(file)![1]!,
    sql: text.slice(up.index, end),
    line: lineAt(text, up.index!),
    transaction: transaction ? 'file' : 'implicit',
    ...(transaction ? {} : { reason: '-- migrate:up transaction:false' }),
  };
  if (!section) return unit;
  // dbmate issue #820: released versions record the version again after each section and stop there
  return { ...unit, note: `${section}: runs after the sections before it, as dbmate documents (dbmate 2.29–2.35 stop before it on PostgreSQL with a duplicate key in schema_migrations, dbmate issue #820)` };
}

/** `-- migrate:up transaction:false foo:bar` → { transaction: 'false', foo: 'bar' }, as dbmate reads it. */
function optionsOf(directive: string): Record<string, string> {
  const options: Record<string, string> = {};
  for (const pair of directive.replace(/^--\s*migrate:(up|down)/, '').trim().split(/\s+/)) {
    if (pair === '') continue;
    const parts = pair.split(':');
    if (parts.length === 2) options[parts[0]!] = parts[1]!;
  }
  return options;
}
