import { positionsIn } from '../sql/position.js';
import { splitStatements, type SqlStatement } from '../sql/statements.js';
import { callbackRefusal, functionsDefined, refusalOf, restoreRole, tokensOf } from './allow-list.js';
import { segmentStatements, splitDump, type DumpSegment, type SplitDump } from './segments.js';
import { DumpError } from './errors.js';

export { DumpError };

export interface SanitizeOptions {
  /** Provider-owned schemas left out with everything in them (default: extensions, auth, storage, …). */
  excludeSchemas?: readonly string[];
  /** Named in messages. */
  origin?: string;
  /**
   * Keep owners, grants and default privileges (for the opt-in `privileges` / `ownership` rules):
   * a restore then runs them, the roles they name created NOLOGIN on the throwaway server.
   */
  keepPrivileges?: boolean;
}

/** Schemas hosting providers own (Supabase, Neon, RDS…): not the app's schema. */
export const DEFAULT_PROVIDER_SCHEMAS = ['extensions', 'auth', 'storage', 'realtime', 'graphql', 'graphql_public', 'pgbouncer', 'vault', 'supabase_functions', 'supabase_migrations', 'cron', 'net', 'pgsodium', 'pgsodium_masks'];

const DATA_TYPES = new Set(['TABLE DATA', 'SEQUENCE SET', 'BLOB', 'BLOB DATA', 'LARGE OBJECT', 'BLOBS']);
const PRIVILEGE_TYPES = new Set(['ACL', 'DEFAULT ACL']);

/**
 * Which statements sanitizing drops, read on their tokens (a function body or a comment that
 * merely says GRANT or OWNER TO is kept): `session` (the dumping session's SET SESSION
 * AUTHORIZATION, SET ROLE, tablespace and access-method defaults, `\restrict`: never the schema
 * — a table's access method is set again at the start of the entry that makes it, keptSegments;
 * a grant pg_dump makes as its grantor is made as the restoring user, and grantors are not
 * compared) or `access` (owners and privileges: kept only when asked).
 */
function droppedAs(statement: SqlStatement): 'session' | 'access' | undefined {
  if (/^\\(un)?restrict\b/.test(statement.text)) return 'session';
  // (a statement's first token is SET or RESET only if its first word is: most are neither, and
  // are not read again)
  const [verb, next, third] = statement.words[0] === 'set' || statement.words[0] === 'reset' ? tokensOf(statement.text) : [];
  if (verb === 'SET' && ((next === 'SESSION' && third === 'AUTHORIZATION') || next === 'ROLE' || next === 'DEFAULT_TABLESPACE' || next === 'DEFAULT_TABLE_ACCESS_METHOD')) return 'session';
  if (verb === 'RESET' && (next === 'ROLE' || (next === 'SESSION' && third === 'AUTHORIZATION'))) return 'session';
  // owners and privileges are set by GRANT, REVOKE and ALTER (… OWNER TO, DEFAULT PRIVILEGES): the
  // others (most of a dump) are not read again
  if (statement.words[0] !== 'grant' && statement.words[0] !== 'revoke' && statement.words[0] !== 'alter') return undefined;
  return restoreRole(statement.text) === 'access' ? 'access' : undefined;
}
const isDropped = (statement: SqlStatement, keepPrivileges = false) => {
  const as = droppedAs(statement);
  return as === 'session' || (as === 'access' && !keepPrivileges);
};

/** `sql` without the statements `drop` picks (each with the line it stood on alone); everything else, comments too, as it was. */
function withoutStatements(sql: string, statements: readonly SqlStatement[], drop: (statement: SqlStatement) => boolean): string {
  let out = '';
  let at = 0;
  for (const statement of statements) {
    if (!drop(statement)) continue;
    out += sql.slice(at, statement.start);
    at = statement.end;
    if ((statement.start === 0 || sql[statement.start - 1] === '\n') && sql[at] === '\n') at++;
  }
  return out + sql.slice(at);
}

/** The session settings a restore needs, always the same (pg_dump's own list varies by version). */
export const PREAMBLE = [
  'SET statement_timeout = 0;',
  'SET lock_timeout = 0;',
  "SET client_encoding = 'UTF8';",
  'SET standard_conforming_strings = on;',
  "SELECT pg_catalog.set_config('search_path', '', false);",
  'SET check_function_bodies = false;',
  'SET client_min_messages = warning;',
  'SET row_security = off;',
];

export const SANITIZED_MARK = '-- schema-parity sanitized schema dump';

/**
 * A plain-format `pg_dump --schema-only` made safe to commit and stable to diff: no owners,
 * privileges, default privileges, `\restrict` lines, version comments, role-specific SETs or
 * provider-owned schemas — and never data: a dump with data is refused. The same database gives
 * the same bytes. Sanitizing a sanitized dump changes nothing.
 */
export function sanitizeDump(text: string, options: SanitizeOptions = {}): string {
  const origin = options.origin ?? 'dump';
  const dump = readDump(text, origin);
  const kept = keptSegments(dump, origin, options.excludeSchemas, options.keepPrivileges).map(({ segment, statements, all, accessMethod }) => {
    // what a restore runs (checkStatements kept) stays; the statements sanitizing drops go
    const runs = new Set(statements.filter((statement) => statement.start >= 0).map((statement) => statement.start));
    const sql = withoutStatements(segment.sql, all, (statement) => !runs.has(statement.start))
      .replace(/\n{3,}$/g, '\n')
      .trim();
    // the table access method the entry is made with, where it differs from the one before
    return { ...segment, sql: accessMethod === undefined ? sql : `${setAccessMethod(accessMethod)}\n\n${sql}`.trim() };
  });

  const out = [
    options.keepPrivileges
      ? `${SANITIZED_MARK} (pg_dump --schema-only): owners and privileges kept; no provider schemas or data.`
      : `${SANITIZED_MARK} (pg_dump --schema-only): no owners, privileges, provider schemas or data.`,
    '-- Written by `parity dump`; do not edit by hand.',
    ...(dump.sourceMajor !== undefined ? [`-- Dumped from database version ${dump.sourceMajor}`] : []),
    '',
    ...PREAMBLE,
    '',
  ];
  for (const segment of kept) {
    out.push('--', `-- Name: ${segment.name}; Type: ${segment.type}; Schema: ${segment.schema ?? '-'}`, '--', '');
    if (segment.sql) out.push(segment.sql, '');
    out.push('');
  }
  out.push('--', '-- PostgreSQL database dump complete', '--', '');
  return out.join('\n');
}

/** A statement of a dump that a restore runs, placed in the file it came from (1-based line and column). */
export interface DumpStatement extends SqlStatement {
  line: number;
  column: number;
  segment: DumpSegment;
}

/**
 * The statements of a dump a restore runs, in order, each with its line and column in `text`:
 * what sanitizeDump keeps, without the role and session statements it drops. Refuses anything
 * pg_dump does not write for a schema (allow-list.ts), naming `origin:line:column`.
 */
export function dumpStatements(text: string, options: SanitizeOptions = {}): { dump: SplitDump; statements: DumpStatement[] } {
  const origin = options.origin ?? 'dump';
  const dump = readDump(text, origin);
  return {
    dump,
    statements: keptSegments(dump, origin, options.excludeSchemas, options.keepPrivileges).flatMap(({ segment, statements, accessMethod }) => {
      if (accessMethod === undefined) return statements;
      const text = setAccessMethod(accessMethod);
      // (placed at the entry's first statement, which it comes before)
      const at = statements[0]!;
      return [{ start: -1, end: -1, text, words: ['set', 'default_table_access_method', accessMethod], line: at.line, column: at.column, segment }, ...statements];
    }),
  };
}

/**
 * The table access method a `SET default_table_access_method = name;` (or `TO name`) sets, as
 * pg_dump writes the name (a plain one lower-cased, a quoted one as written); undefined for any
 * other statement.
 */
function accessMethodOf(statement: SqlStatement): string | undefined {
  if (statement.words[0] !== 'set' || statement.words[1] !== 'default_table_access_method') return undefined;
  const match = /^SET\s+default_table_access_method\s*(?:=|TO)\s*("(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)\s*;?$/i.exec(statement.text);
  if (!match) return undefined;
  return match[1]!.startsWith('"') ? match[1]! : match[1]!.toLowerCase();
}

const setAccessMethod = (name: string) => `SET default_table_access_method = ${name};`;

function readDump(text: string, origin: string): SplitDump {
  if (text.trim() === '') throw new DumpError(`${origin} is empty: expected the output of pg_dump --schema-only`);
  const dump = splitDump(text);
  if (!dump.complete) {
    throw new DumpError(`${origin} is truncated: pg_dump's last line "-- PostgreSQL database dump complete" is missing; dump again`);
  }
  checkStatements(dump.preamble, splitStatements(dump.preamble), 1, origin, false); // never run (restores use PREAMBLE), but never anything else either
  return dump;
}

/** The segments of the app's schema, each with its statements (checked); data is refused. */
function keptSegments(dump: SplitDump, origin: string, excludeSchemas: readonly string[] | undefined, keepPrivileges = false): Array<{ segment: DumpSegment; statements: DumpStatement[]; all: SqlStatement[]; accessMethod?: string }> {
  const excluded = new Set(excludeSchemas ?? DEFAULT_PROVIDER_SCHEMAS);
  const droppedExtensions = new Set<string>();
  const kept: Array<{ segment: DumpSegment; statements: DumpStatement[]; all: SqlStatement[]; accessMethod?: string }> = [];
  // pg_dump makes a table or materialized view with the table access method its SET
  // default_table_access_method says, written before the entry's header (so at the end of the
  // entry before, or in the preamble). Those SETs are dropped with the session's, and the method
  // each kept entry is made with is set again at its start where it differs from the one before
  // (never for a dump that uses heap alone): what the dump read says, and what its restore runs
  let dumped = 'heap';
  let restored = 'heap';
  for (const statement of splitStatements(dump.preamble)) dumped = accessMethodOf(statement) ?? dumped;
  for (const segment of dump.segments) {
    const all = segmentStatements(segment); // every statement of the entry: the ones a restore runs are checked below
    let first = 0; // (a sanitized dump's SET is the entry's first statement)
    for (; first < all.length && accessMethodOf(all[first]!) !== undefined; first++) dumped = accessMethodOf(all[first]!)!;
    const accessMethod = dumped;
    for (const statement of all.slice(first)) dumped = accessMethodOf(statement) ?? dumped;
    if (DATA_TYPES.has(segment.type) || holdsData(all)) {
      throw new DumpError(
        `${origin}:${segment.line}: ${segment.type} ${segment.schema ? `${segment.schema}.` : ''}${segment.name} holds data; schema-parity never writes data to a file. Dump with --schema-only (parity dump does)`,
      );
    }
    if (PRIVILEGE_TYPES.has(segment.type) && !keepPrivileges) continue;
    if (segment.schema !== null && excluded.has(segment.schema)) continue;
    if (segment.type === 'SCHEMA' && excluded.has(segment.name)) continue;
    if (segment.type === 'EXTENSION') {
      const schema = extensionSchema(all);
      if (schema && excluded.has(schema)) {
        droppedExtensions.add(segment.name);
        continue;
      }
    }
    if (segment.type === 'COMMENT') {
      const on = /^(SCHEMA|EXTENSION) (.+)$/.exec(segment.name);
      if (on && ((on[1] === 'SCHEMA' && excluded.has(on[2]!)) || (on[1] === 'EXTENSION' && droppedExtensions.has(on[2]!)))) continue;
    }
    const statements = checkStatements(segment.sql, all, segment.sqlLine, origin, keepPrivileges).map((s) => ({ ...s, segment }));
    const changed = statements.length > 0 && accessMethod !== restored;
    if (changed) restored = accessMethod;
    kept.push({ segment, statements, all, ...(changed ? { accessMethod } : {}) });
  }
  const defined = functionsDefined(kept.flatMap(({ statements }) => statements));
  for (const statement of kept.flatMap(({ statements }) => statements)) {
    const refused = callbackRefusal(statement.text, defined);
    if (refused) throw new DumpError(`${origin}:${statement.line}:${statement.column}: ${refused}. ${RESTORES_ONLY}`);
  }
  return kept;
}

/**
 * The schema `CREATE EXTENSION [IF NOT EXISTS] name [WITH] SCHEMA s` names, read on its tokens as
 * the server reads it (a comment or a string that says WITH SCHEMA is not the statement): a
 * quoted name as written, an unquoted one folded to lower case.
 */
function extensionSchema(statements: readonly SqlStatement[]): string | undefined {
  for (const { text } of statements) {
    const tokens = tokensOf(text);
    if (tokens[0] !== 'CREATE' || tokens[1] !== 'EXTENSION') continue;
    // its options: [WITH] [SCHEMA s] [VERSION v] [CASCADE], in any order
    for (let i = tokens[2] === 'IF' && tokens[3] === 'NOT' && tokens[4] === 'EXISTS' ? 6 : 3; i < tokens.length; ) {
      const option = tokens[i];
      if (option === 'WITH' || option === 'CASCADE') i++;
      else if (option === 'VERSION') i += 2;
      else if (option === 'SCHEMA') {
        const schema = tokens[i + 1];
        if (schema === undefined) return undefined;
        return schema.startsWith('"') ? schema.slice(1, schema.endsWith('"') && schema.length > 1 ? -1 : undefined).replaceAll('""', '"') : schema.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
      } else return undefined;
    }
  }
  return undefined;
}

/**
 * Rows as pg_dump writes them (COPY … FROM stdin; INSERT INTO with --inserts), read on statements:
 * a function body that says so is not data. Any other COPY or INSERT is left to the allow-list,
 * which names its line.
 */
function holdsData(statements: readonly SqlStatement[]): boolean {
  return statements.some(({ text }) => /^COPY .* FROM stdin;$/.test(text) || text.startsWith('INSERT INTO '));
}

const RESTORES_ONLY = 'schema-parity restores only what pg_dump --schema-only writes; dump again with "parity dump", or remove it from the file';

/** Of `statements` (those of `sql`, which starts at `line` of the file), the ones a restore runs; refuses what pg_dump never writes. */
function checkStatements(sql: string, statements: readonly SqlStatement[], line: number, origin: string, keepPrivileges: boolean): Array<Omit<DumpStatement, 'segment'>> {
  const kept: Array<Omit<DumpStatement, 'segment'>> = [];
  const positionOf = positionsIn(sql);
  for (const statement of statements) {
    const where = positionOf(statement.start);
    const at = { ...statement, line: line + where.line - 1, column: where.column };
    const refused = refusalOf(statement);
    if (refused) {
      throw new DumpError(
        `${origin}:${at.line}:${at.column}: ${refused}. ${RESTORES_ONLY}`,
      );
    }
    if (!isDropped(statement, keepPrivileges)) kept.push(at);
  }
  return kept;
}
