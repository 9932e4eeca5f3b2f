import { join } from 'node:path';
import { MigrationFolderError } from '../migration-files.js';
import { readMigrationText } from '../migration-text.js';
import { compareVersions, entriesOf, lineAt, refuseDuplicates, refuseEmpty, sqlFiles, UP_MARKERS } from './common.js';
import type { MigrationFormat, MigrationUnit } from './types.js';

/**
 * goose: `<version>_<name>.sql` with `-- +goose Up` and `-- +goose Down`. goose splits the up
 * section itself — a statement ends on a line whose last word ends in `;`, or at
 * `-- +goose StatementEnd` after `-- +goose StatementBegin` — and runs the statements one by one
 * in a transaction, or each on its own with `-- +goose NO TRANSACTION` anywhere in the file.
 */
export const goose: MigrationFormat = {
  name: 'goose',
  // database/sql's pool: migrations run one after another reuse its one idle connection
  session: 'one',
  describe: '`<version>_<name>.sql` with `-- +goose Up` / `-- +goose Down`',
  detect: (dir) => sqlFiles(dir).some((name) => UP_MARKERS[1]!.pattern.test(readMigrationText(join(dir, name), name))),
  list(dir) {
    const code = entriesOf(dir).find((name) => /^\d+_.*\.go$/.test(name));
    if (code) throw new MigrationFolderError(`${join(dir, code)}: a Go migration cannot be replayed from SQL. Write its SQL as a .sql migration, or move it out of ${dir}.`);
    const units = sqlFiles(dir).map((file) => {
      const match = /^(\d+)_(.+)\.sql$/i.exec(file);
      if (!match) throw new MigrationFolderError(`${join(dir, file)}: no version in the file name: goose names files <version>_<name>.sql (e.g. 00001_init.sql, 20250331002414_init.sql)`);
      return parseGooseFile(join(dir, file), file, match[1]!, match[2]!);
    });
    units.sort((a, b) => compareVersions(a.version, b.version));
    refuseDuplicates(dir, units);
    return refuseEmpty(dir, units);
  },
};

/** The up section of a goose file and its statements, as goose's parser finds them. */
export function parseGooseFile(path: string, file: string, version: string, name: string): MigrationUnit {
  const text = readMigrationText(path, file);
  const fail = (index: number, message: string) => new MigrationFolderError(`${file}:${lineAt(text, index)}: ${message} (goose refuses this file too)`);
  type State = 'start' | 'up' | 'begin' | 'end';
  let state: State = 'start';
  let upStart = -1;
  let upEnd = text.length;
  let buffer: { start: number; end: number } | undefined;
  const statements: Array<[number, number]> = [];
  const store = () => {
    const chunk = text.slice(buffer!.start, buffer!.end);
    const lead = chunk.length - chunk.trimStart().length;
    statements.push([buffer!.start + lead, buffer!.start + chunk.trimEnd().length]);
    buffer = undefined;
  };
  let envsubst = false;
  for (let at = 0; at < text.length; ) {
    const newline = text.indexOf('\n', at);
    const next = newline < 0 ? text.length : newline + 1;
    const line = text.slice(at, newline < 0 ? text.length : newline).replace(/\r$/, '');
    const lineAtIndex = at;
    at = next;
    if (state === 'start' && line.trim() === '') continue;
    if (line.startsWith('--')) {
      const command = line.slice(2).trim();
      if (command === '+goose Up') {
        if (state !== 'start') throw fail(lineAtIndex, 'a second "-- +goose Up"');
        state = 'up';
        upStart = next;
        continue;
      }
      if (command === '+goose Down') {
        if (state === 'start' || state === 'begin') throw fail(lineAtIndex, state === 'start' ? 'the file must start with "-- +goose Up"' : '"-- +goose Down" inside StatementBegin … StatementEnd');
        if (buffer && text.slice(buffer.start, buffer.end).trim()) throw fail(buffer.start, 'an up statement without its closing semicolon');
        upEnd = lineAtIndex;
        break; // the down section never runs
      }
      if (command === '+goose StatementBegin') {
        if (state !== 'up' && state !== 'end') throw fail(lineAtIndex, '"-- +goose StatementBegin" must come after "-- +goose Up"');
        state = 'begin';
        continue;
      }
      if (command === '+goose StatementEnd') {
        if (state !== 'begin') throw fail(lineAtIndex, '"-- +goose StatementEnd" without "-- +goose StatementBegin"');
        state = 'end';
      } else if (command === '+goose NO TRANSACTION' || command === '+goose ENVSUBST OFF') {
        continue;
      } else if (command === '+goose ENVSUBST ON') {
        envsubst = true;
        continue;
      }
    }
    // comments and blank lines before a statement are dropped; inside one they are kept
    if (!buffer && (line.trim().startsWith('--') || line === '')) continue;
    if (state === 'start') throw fail(lineAtIndex, 'the file must start with "-- +goose Up"');
    if (state !== 'end') {
      if (envsubst && /\$\{?\w/.test(line)) {
        throw new MigrationFolderError(`${file}:${lineAt(text, lineAtIndex)}: "-- +goose ENVSUBST ON" substitutes environment variables here: the replay cannot know the values production had; write them out`);
      }
      buffer = buffer ? { start: buffer.start, end: next } : { start: lineAtIndex, end: next };
    }
    if (state === 'up' && endsWithSemicolon(line)) store();
    else if (state === 'end') {
      if (buffer) store();
      state = 'up';
    }
  }
  if (state === 'start') throw fail(0, 'the file must start with "-- +goose Up"');
  if (state === 'begin') throw fail(text.length, 'a "-- +goose StatementBegin" without "-- +goose StatementEnd"');
  if (buffer && text.slice(buffer.start, buffer.end).trim()) throw fail(buffer.start, 'an up statement without its closing semicolon');
  const noTransaction = /^--[ \t]*\+goose NO TRANSACTION[ \t]*\r?$/m.test(text);
  return {
    file,
    path,
    version,
    name,
    sql: text.slice(upStart, upEnd),
    line: lineAt(text, upStart),
    transaction: noTransaction ? 'none' : 'file',
    ...(noTransaction ? { reason: '-- +goose NO TRANSACTION' } : {}),
    statements: statements.map(([s, e]) => [s - upStart, e - upStart]),
  };
}

/** goose's rule: the last word before any `--` comment on the line ends in `;`. */
function endsWithSemicolon(line: string): boolean {
  let last = '';
  for (const word of line.split(/\s+/).filter(Boolean)) {
    if (word.startsWith('--')) break;
    last = word;
  }
  return last.endsWith(';');
}
