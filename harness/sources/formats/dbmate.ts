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
 * `-- migrate:up` with its `-- migrate:down` (dbmate ≥ 2.0 refuses a section without one); an
 * up section is sent whole: in a transaction, or with `transaction:false` on its directive line as
 * one query on its own (which the server still runs as one implicit transaction). Of a file's
 * later sections, what dbmate leaves (see laterSections). Down sections never run.
 */
export const dbmate: MigrationFormat = {
  name: 'dbmate',
  // database/sql's pool: migrations run one after another reuse its one idle connection
  session: 'one',
  // recorded in the current schema's schema_migrations (pkg/driver/postgres: migrationsTableNameParts)
  toolTable: { name: 'schema_migrations', found: 'current-schema' },
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
  const sections = ups.map((up, i) => {
    const end = i + 1 < ups.length ? ups[i + 1]!.index : text.length;
    const downs = [...text.slice(up.index, end).matchAll(DOWN)];
    const line = lineAt(text, up.index);
    if (downs.length === 0) {
      throw new MigrationFolderError(`${file}:${line}: this "-- migrate:up" has no "-- migrate:down" after it: dbmate 2.0 and later refuse the file. Add a "-- migrate:down" line (an empty down section is fine).`);
    }
    if (downs.length > 1) throw new MigrationFolderError(`${file}:${lineAt(text, up.index + downs[1]!.index)}: a second "-- migrate:down" without its own "-- migrate:up" (dbmate refuses this file too)`);
    return unitOf(dir, file, text, up, up.index + downs[0]!.index);
  });
  return [sections[0]!, ...laterSections(sections)];
}

/**
 * What the sections after the first leave in a database: dbmate (2.29 and later, on PostgreSQL)
 * records the version after each section, so after the second it fails on the duplicate key in
 * schema_migrations (pkg/dbmate/db.go Migrate, dbmate issue #820) and stops. That section is
 * rolled back, unless it ran outside a transaction (`transaction:false`): then it stays. Run
 * again, dbmate skips the file (its version is recorded) and goes on with the next: the database
 * has the first section, that one if it stayed, and never the rest. The first unit's note says so.
 */
function laterSections(sections: MigrationUnit[]): MigrationUnit[] {
  if (sections.length < 2) return [];
  const [first, second] = [sections[0]!, sections[1]!];
  const stays = second.transaction !== 'file';
  const never = sections.slice(stays ? 2 : 1).map((unit) => `line ${unit.line}`);
  first.note = `${sections.length} up sections: dbmate records the version after each, fails on the second's duplicate key in schema_migrations (dbmate issue #820) and stops; ${stays ? `section 2 (line ${second.line}, transaction:false) stays, ` : ''}run again, it skips the file, so ${never.length === 1 ? 'the section at' : 'the sections at'} ${never.join(', ')} never ${never.length === 1 ? 'runs' : 'run'}, here as with dbmate`;
  return stays ? [second] : [];
}

function unitOf(dir: string, file: string, text: string, up: RegExpMatchArray, end: number): MigrationUnit {
  // dbmate reads the options from the directive's whole line (parseMigrationOptions in
  // pkg/dbmate/migration.go), not only from what UP matched (its first word)
  const eol = text.indexOf('\n', up.index!);
  const transaction = optionsOf(text.slice(up.index!, eol < 0 ? undefined : eol)).transaction !== 'false';
  return {
    file,
    path: join(dir, file),
    version: versionOf(file),
    name: /^\d+_?(.*)\.sql$/.exec(file)![1]!,
    sql: text.slice(up.index, end),
    line: lineAt(text, up.index!),
    transaction: transaction ? 'file' : 'implicit',
    ...(transaction ? {} : { reason: '-- migrate:up transaction:false' }),
  };
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
