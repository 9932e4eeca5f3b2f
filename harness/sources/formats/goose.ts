import { join } from 'node:path';
import { MigrationFolderError } from '../migration-files.js';
import { readMigrationText } from '../migration-text.js';
import { compareVersions, entriesOf, lineAt, refuseDuplicates, refuseEmpty, sqlFiles, UP_MARKERS, hasCommentLine } from './common.js';
import type { MigrationFormat, MigrationUnit } from './types.js';

/**
 * goose: `<version>_<name>.sql` with `-- +goose Up` and `-- +goose Down`. goose splits the up
 * section itself — a statement ends on a line whose last word ends in `;`, or at
 * `-- +goose StatementEnd` after `-- +goose StatementBegin` — and runs the statements one by one
 * in a transaction, or each on its own with `-- +goose NO TRANSACTION` anywhere in the file.
 * Annotations are read as goose ≥ 3.19 reads them (pressly/goose internal/sqlparser/parser.go,
 * ParseSQLMigration and extractAnnotation): any `--` line holding `+goose` is one, its name
 * matched case-insensitively, anything else on it (leading blanks, trailing words, an unknown
 * name) refused; and goose parses the down section too, refusing the whole file for its errors.
 */
export const goose: MigrationFormat = {
  name: 'goose',
  // database/sql's pool: migrations run one after another reuse its one idle connection
  session: 'one',
  // recorded in goose_db_version, named without its schema, in the migration's transaction (internal/dialects/postgres.go InsertVersion)
  toolTable: { name: 'goose_db_version', found: 'on-path' },
  describe: '`<version>_<name>.sql` with `-- +goose Up` / `-- +goose Down`',
  detect: (dir) => sqlFiles(dir).some((name) => hasCommentLine(readMigrationText(join(dir, name), name), UP_MARKERS[1]!.pattern)),
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

/** The up section of a goose file and its statements, as goose's parser finds them (see above). */
export function parseGooseFile(path: string, file: string, version: string, name: string): MigrationUnit {
  const text = readMigrationText(path, file);
  const fail = (index: number, message: string) => new MigrationFolderError(`${file}:${lineAt(text, index)}: ${message} (goose refuses this file too)`);
  type State = 'start' | 'up' | 'upBegin' | 'upEnd' | 'down' | 'downBegin' | 'downEnd';
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
  const unfinished = () => buffer !== undefined && text.slice(buffer.start, buffer.end).trim() !== '';
  let envsub = false;
  let noTransaction = false;
  for (let at = 0; at < text.length; ) {
    // bufio.Scanner's lines: split on \n, one trailing \r dropped
    const newline = text.indexOf('\n', at);
    const next = newline < 0 ? text.length : newline + 1;
    const line = text.slice(at, newline < 0 ? text.length : newline).replace(/\r$/, '');
    const lineAtIndex = at;
    at = next;
    if (state === 'start' && line.trim() === '') continue;
    if (line.trim().startsWith('--') && line.includes('+goose')) {
      const annotation = annotationOf(line);
      if (typeof annotation !== 'string') throw fail(lineAtIndex, `"${line}": ${annotation.error}`);
      if (annotation === 'Up') {
        if (state !== 'start') throw fail(lineAtIndex, 'a second "-- +goose Up"');
        state = 'up';
        upStart = next;
        continue;
      }
      if (annotation === 'Down') {
        if (state !== 'up' && state !== 'upEnd') throw fail(lineAtIndex, state === 'start' ? 'the file must start with "-- +goose Up"' : state === 'upBegin' ? '"-- +goose Down" inside StatementBegin … StatementEnd' : 'a second "-- +goose Down"');
        if (unfinished()) throw fail(buffer!.start, 'an up statement without its closing semicolon');
        buffer = undefined;
        upEnd = lineAtIndex;
        state = 'down'; // never runs, but goose parses it: its errors refuse the file
        continue;
      }
      if (annotation === 'StatementBegin') {
        if (state === 'up' || state === 'upEnd') state = 'upBegin';
        else if (state === 'down' || state === 'downEnd') state = 'downBegin';
        else throw fail(lineAtIndex, '"-- +goose StatementBegin" must come after "-- +goose Up" or "-- +goose Down"');
        continue;
      }
      if (annotation === 'StatementEnd') {
        if (state === 'upBegin') state = 'upEnd';
        else if (state === 'downBegin') state = 'downEnd';
        else throw fail(lineAtIndex, '"-- +goose StatementEnd" without "-- +goose StatementBegin"');
        // no continue: goose goes on with this line (and skips it below when nothing is buffered)
      } else {
        if (annotation === 'NO TRANSACTION') noTransaction = true;
        else envsub = annotation === 'ENVSUB ON';
        continue;
      }
    }
    // comments and blank lines before a statement are dropped; inside one they are kept
    if (!buffer && (line.trim().startsWith('--') || line === '')) continue;
    if (state === 'start') throw fail(lineAtIndex, 'the file must start with "-- +goose Up"');
    const down: boolean = state === 'down' || state === 'downBegin' || state === 'downEnd';
    if (state !== 'upEnd' && state !== 'downEnd') {
      // goose interpolates each line it keeps while ENVSUB is on (mfridman/interpolate v0.0.2)
      const change = envsub ? interpolationIn(line) : undefined;
      if (change?.error) throw fail(lineAtIndex, `"-- +goose ENVSUB ON": goose cannot substitute variables in this line (${change.text}: ${change.error})`);
      if (change && !down) {
        throw new MigrationFolderError(
          `${file}:${lineAt(text, lineAtIndex)}: "-- +goose ENVSUB ON" makes goose substitute environment variables in this line (${change.text}): the replay cannot know the values production had; write them out, or put "-- +goose ENVSUB OFF" before the line`,
        );
      }
      buffer = buffer ? { start: buffer.start, end: next } : { start: lineAtIndex, end: next };
    }
    if (state === 'up' || state === 'down') {
      if (endsWithSemicolon(line)) {
        if (down) buffer = undefined;
        else store();
      }
    } else if (state === 'upEnd' || state === 'downEnd') {
      // goose stores what it buffered (the line itself, after an empty Begin/End pair, is lost)
      if (buffer && !down) store();
      buffer = undefined;
      state = down ? 'down' : 'up';
    }
  }
  if (state === 'start') throw fail(0, 'the file must start with "-- +goose Up"');
  if (state === 'upBegin' || state === 'downBegin') throw fail(text.length, 'a "-- +goose StatementBegin" without "-- +goose StatementEnd"');
  if (unfinished()) throw fail(buffer!.start, `${state === 'up' ? 'an up' : 'a down'} statement without its closing semicolon`);
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

const ANNOTATIONS = ['Up', 'Down', 'StatementBegin', 'StatementEnd', 'NO TRANSACTION', 'ENVSUB ON', 'ENVSUB OFF'] as const;
type Annotation = (typeof ANNOTATIONS)[number];

/** goose's extractAnnotation: every `--` dropped, the first `+goose` too, the rest one of its names, in any case. */
function annotationOf(line: string): Annotation | { error: string } {
  if (line.startsWith(' ') || line.startsWith('\t')) return { error: 'an annotation with leading whitespace' };
  const rest = line.replaceAll('--', '').replace('+goose', '');
  if (rest.includes('+goose')) return { error: 'more than one "+goose" on the line' };
  const command = rest.trim();
  if (command === '') return { error: 'an empty annotation' };
  return ANNOTATIONS.find((a) => a.toLowerCase() === command.toLowerCase()) ?? { error: `"${command}" is not a goose annotation` };
}

/**
 * What mfridman/interpolate (v0.0.2, parser.go; goose's ENVSUB) would do to `line`: nothing
 * (undefined, whatever the environment), a substitution (`text`: the first thing it replaces:
 * `$NAME`, `${NAME…}`, or the escapes `$$` and `\$`, which it turns into `$`), or fail (`error`).
 */
export function interpolationIn(line: string): { text: string; error?: string } | undefined {
  let pos = 0;
  let first: { text: string } | undefined;
  const letter = (c: string | undefined) => c !== undefined && /^\p{L}$/u.test(c);
  const peek = () => (pos < line.length ? String.fromCodePoint(line.codePointAt(pos)!) : undefined);
  const nextChar = () => {
    const c = peek();
    if (c !== undefined) pos += c.length;
    return c;
  };
  const scanUntil = (stop: (c: string) => boolean) => {
    const from = pos;
    for (let c = peek(); c !== undefined && !stop(c); c = peek()) pos += c.length;
    return line.slice(from, pos);
  };
  const identifier = () => {
    if (!letter(peek())) throw new Error(`a name must start with a letter, not ${JSON.stringify(peek() ?? '')}`);
    scanUntil((c) => !/^[\p{L}\p{N}_]$/u.test(c));
  };
  const integer = (s: string) => {
    if (!/^[+-]?\d+$/.test(s.trim())) throw new Error(`${JSON.stringify(s)} is not a number`);
  };
  const expression = (stop: string) => {
    for (let c = peek(); c !== undefined && !stop.includes(c); c = peek()) {
      const from = pos;
      if (line.startsWith('\\\\', pos) || line.startsWith('$(', pos)) pos += 2; // kept as they are
      else if (line.startsWith('\\$', pos) || line.startsWith('$$', pos)) {
        pos += 2;
        if (stop === '') first ??= { text: line.slice(from, pos) };
      } else if (c === '$' && pos < line.length - 1) {
        expansion();
        if (stop === '') first ??= { text: line.slice(from, pos) };
      } else {
        nextChar();
        scanUntil((r) => r === '$' || r === '\\' || stop.includes(r));
      }
    }
  };
  const expansion = () => {
    nextChar(); // $
    if (peek() !== '{') return identifier();
    nextChar();
    identifier();
    if (peek() === '}') return void nextChar();
    const op = nextChar();
    if (op === ':' && peek() !== '-') {
      integer(scanUntil((r) => r === ':' || r === '}'));
      if (peek() !== '}') {
        nextChar();
        integer(scanUntil((r) => r === '}'));
      }
    } else if (op === ':' || op === '-' || op === '?') {
      if (op === ':') nextChar();
      expression('}');
    } else throw new Error(`expected an operator, not ${JSON.stringify(op ?? '')}`);
    if (nextChar() !== '}') throw new Error('a ${…} without its closing brace');
  };
  try {
    expression('');
  } catch (error) {
    return { text: line.trim().slice(0, 60), error: (error as Error).message };
  }
  return first;
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
