import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { MigrationFolderError } from '../migration-files.js';
import { tokenize } from '../../sql/lexer.js';
import { splitStatements } from '../../sql/statements.js';
import { nonTransactional } from '../sql-split.js';
import { lineAndColumnAt } from '../sql-position.js';

/** The names in `dir` (sorted), refusing a folder that does not exist. */
export function entriesOf(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    throw new MigrationFolderError(`migrations folder ${dir} does not exist or cannot be read: check the path`);
  }
}

export function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

export function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

/** The `.sql` files directly in `dir`. */
export function sqlFiles(dir: string): string[] {
  return entriesOf(dir).filter((name) => name.toLowerCase().endsWith('.sql') && isFile(join(dir, name)));
}

/** 1-based line of the UTF-16 index `index` in `text`. */
export function lineAt(text: string, index: number): number {
  return lineAndColumnAt(text, index).line;
}

/** The first statement PostgreSQL refuses in a transaction block, and its line in the file. */
export function firstNonTransactional(sql: string, firstLine = 1): { what: string; line: number } | undefined {
  for (const statement of splitStatements(sql)) {
    const what = nonTransactional(statement);
    if (what) return { what, line: firstLine + lineAt(sql, statement.start) - 1 };
  }
  return undefined;
}

/** Compares numeric version strings as numbers (`7` = `007`), others as text. */
export function compareVersions(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
    const [x, y] = [BigInt(a), BigInt(b)];
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Refuses two units with the same version, naming both files. */
export function refuseDuplicates(dir: string, units: Array<{ version: string; file: string }>, same = (a: string, b: string) => compareVersions(a, b) === 0): void {
  for (let i = 1; i < units.length; i++) {
    const [previous, current] = [units[i - 1]!, units[i]!];
    if (same(previous.version, current.version)) {
      throw new MigrationFolderError(`${dir}: version ${current.version} is used twice (${previous.file} and ${current.file}): renumber one of them`);
    }
  }
}

/** Refuses a folder with nothing to run. */
export function refuseEmpty<T>(dir: string, units: T[], what = '.sql migration files'): T[] {
  if (units.length === 0) throw new MigrationFolderError(`migrations folder ${dir} has no ${what}`);
  return units;
}

/**
 * The down-section markers of the tools that keep up and down in one file, as whole lines (a
 * comment that merely mentions a down migration is not one). Each pattern is tested on one
 * comment line (see commentLines).
 */
export const DOWN_MARKERS: Array<{ tool: string; pattern: RegExp }> = [
  { tool: 'dbmate', pattern: /^--\s*migrate:down\b.*$/ },
  // goose refuses an annotation line with anything more on it: it is still meant for goose
  { tool: 'goose', pattern: /^\s*--\s*\+goose\s+down\b/i },
  { tool: 'node-pg-migrate', pattern: /^\s*--\s*down\s+migration\s*$/i },
];

/** The up-section markers, by tool, as whole lines: what detection looks for (on commentLines). */
export const UP_MARKERS: Array<{ tool: 'dbmate' | 'goose' | 'node-pg-migrate'; pattern: RegExp }> = [
  { tool: 'dbmate', pattern: /^--\s*migrate:up(\s*$|\s+\S+)/ },
  { tool: 'goose', pattern: /^\s*--\s*\+goose\s+up\b/i },
  { tool: 'node-pg-migrate', pattern: /^\s*--\s*up\s+migration\s*$/i },
];

/**
 * The lines of `sql` that are a `--` comment of their own, as the lexer reads the file: only
 * blanks before the comment on its line, and the comment not inside a block comment, a string, a
 * quoted name or a dollar-quoted body. Each with the index of its line's start and the line
 * (without its `\r`). What we read in a file that no tool reads line by line (a plain folder, and
 * detection) is read this way: a marker in a function body or a block comment is not a marker.
 */
export function commentLines(sql: string): Array<{ index: number; line: string }> {
  const lines: Array<{ index: number; line: string }> = [];
  for (const token of tokenize(sql)) {
    if (token.kind !== 'comment' || !sql.startsWith('--', token.start)) continue;
    const lineStart = sql.lastIndexOf('\n', token.start - 1) + 1;
    if (!/^[ \t]*$/.test(sql.slice(lineStart, token.start))) continue; // after SQL on its line
    lines.push({ index: lineStart, line: sql.slice(lineStart, token.end).replace(/\r$/, '') });
  }
  return lines;
}

/** Whether one of `sql`'s comment lines (commentLines) matches `pattern`. */
export function hasCommentLine(sql: string, pattern: RegExp): boolean {
  return commentLines(sql).some(({ line }) => pattern.test(line));
}

/**
 * A file read as plain SQL must not hold another tool's down section: run whole, the down part
 * would undo the up part and the verdict would be wrong without any error. Only a comment line of
 * the file's own counts (commentLines): psql runs a `-- migrate:down` line inside a function body
 * as part of the body.
 */
export function refuseDownSection(file: string, sql: string, format: string): void {
  const lines = commentLines(sql);
  for (const { tool, pattern } of DOWN_MARKERS) {
    const match = lines.find(({ line }) => pattern.test(line));
    if (match) {
      throw new MigrationFolderError(
        `${file}:${lineAt(sql, match.index)}: "${match.line.trim()}" starts a ${tool} down section, but the folder is read as ${format}, which would run it. Read the folder as ${tool} (legacy:<dir>?format=${tool}).`,
      );
    }
  }
}

/** psql's first `:"name"` / `:'name'` variable in `text` (never inside a string, a quoted name, a dollar-quoted body or a comment; `::"type"` is a cast). */
function psqlVariable(text: string): { index: number; text: string } | undefined {
  const variable = tokenize(text, { psqlVariables: true }).find((token) => token.kind === 'psql-variable');
  return variable && { index: variable.start, text: text.slice(variable.start, variable.end) };
}

/**
 * A file psql runs may use what only psql knows: meta-commands (`\set`, `\i`, `\ir` …) and
 * `:"variables"`. The replay sends SQL to the server, so they are refused by name and line
 * rather than left to a bare syntax error (or, for `\i`, a file silently not included).
 */
export function refusePsqlFeatures(file: string, sql: string): void {
  for (const statement of splitStatements(sql)) {
    const line = lineAt(sql, statement.start);
    if (statement.text.startsWith('\\')) {
      const command = statement.text.split('\n')[0]!.trim();
      throw new MigrationFolderError(`${file}:${line}: "${command}" is a psql meta-command, not SQL: the replay sends the file to the server, which does not know psql features. Write out what it does (the SQL of an included file, the value of a variable) in the file.`);
    }
    const variable = psqlVariable(statement.text);
    if (variable) {
      throw new MigrationFolderError(`${file}:${lineAt(sql, statement.start + variable.index)}: ${variable.text} is a psql variable (Sqitch passes its deploy variables this way): the replay sends the file to the server, which does not know psql features. Write the value into the file.`);
    }
  }
}
