import type { SqlStatement } from '../sql/statements.js';

/**
 * What `pg_dump --schema-only` writes, and nothing else: a `dump:` file is restored statement by
 * statement, and a statement of any other kind (COPY … FROM PROGRAM, INSERT, DO, CALL, a SELECT
 * that calls a function, CREATE ROLE …) is refused before anything runs. Nor does anything run
 * a query while it is restored: a materialized view must be WITH NO DATA, and CREATE TABLE AS
 * is refused.
 */

const CREATABLE = new Set([
  'ACCESS', 'AGGREGATE', 'CAST', 'COLLATION', 'CONVERSION', 'DOMAIN', 'EVENT', 'EXTENSION', 'FOREIGN', 'FUNCTION', 'INDEX', 'LANGUAGE',
  'MATERIALIZED', 'OPERATOR', 'POLICY', 'PROCEDURE', 'PUBLICATION', 'RULE', 'SCHEMA', 'SEQUENCE', 'SERVER', 'STATISTICS', 'SUBSCRIPTION', 'TABLE',
  'TEXT', 'TRANSFORM', 'TRIGGER', 'TYPE', 'VIEW',
]);
const ALTERABLE = new Set([
  'AGGREGATE', 'COLLATION', 'CONVERSION', 'DEFAULT', 'DOMAIN', 'EVENT', 'EXTENSION', 'FOREIGN', 'FUNCTION', 'INDEX', 'LANGUAGE', 'MATERIALIZED',
  'OPERATOR', 'POLICY', 'PROCEDURE', 'PUBLICATION', 'ROUTINE', 'RULE', 'SCHEMA', 'SEQUENCE', 'SERVER', 'STATISTICS', 'SUBSCRIPTION', 'TABLE', 'TEXT',
  'TRIGGER', 'TYPE', 'VIEW',
]);
/** Words between CREATE and the kind of object. */
const CREATE_MODIFIERS = new Set(['OR', 'REPLACE', 'UNLOGGED', 'UNIQUE', 'CONSTRAINT', 'DEFAULT', 'TRUSTED', 'PROCEDURAL', 'RECURSIVE']);
/** The settings pg_dump writes (its preamble and per-entry SETs). */
const SETTINGS = new Set([
  'STATEMENT_TIMEOUT', 'LOCK_TIMEOUT', 'IDLE_IN_TRANSACTION_SESSION_TIMEOUT', 'TRANSACTION_TIMEOUT', 'CLIENT_ENCODING', 'STANDARD_CONFORMING_STRINGS',
  'CHECK_FUNCTION_BODIES', 'XMLOPTION', 'CLIENT_MIN_MESSAGES', 'ROW_SECURITY', 'DEFAULT_TABLESPACE', 'DEFAULT_TABLE_ACCESS_METHOD', 'DEFAULT_WITH_OIDS',
  'SEARCH_PATH', 'SESSION', 'ROLE',
]);
const SET_SEARCH_PATH = /^SELECT pg_catalog\.set_config\('search_path', '', false\);$/;

/** Why pg_dump would never write `statement` in a schema dump, or undefined when it would. */
export function refusalOf({ text: statement, words: lower }: Pick<SqlStatement, 'text' | 'words'>): string | undefined {
  if (statement.startsWith('\\')) return /^\\(un)?restrict \w+\s*$/.test(statement) ? undefined : 'a psql meta-command is not something pg_dump writes for a schema';
  const words = lower.slice(0, 8).map((w) => w.toUpperCase());
  const [verb, next] = words;
  const notPgDump = `${verb ?? 'this'} is not a statement pg_dump writes for a schema`;
  switch (verb) {
    case 'COMMENT':
    case 'SECURITY':
    case 'GRANT':
    case 'REVOKE':
      return undefined;
    case 'SET':
      return next && SETTINGS.has(next) ? undefined : `SET ${next ?? ''} is not a setting pg_dump writes`;
    // after a grant made as its grantor (SET SESSION AUTHORIZATION); dropped like the SET
    case 'RESET':
      return next === 'SESSION' || next === 'ROLE' ? undefined : notPgDump;
    case 'SELECT':
      return SET_SEARCH_PATH.test(statement.replace(/\s+/g, ' ').trim()) ? undefined : notPgDump;
    case 'ALTER':
      if (next === 'USER') return words[2] === 'MAPPING' ? undefined : notPgDump.replace('ALTER', 'ALTER USER');
      return next && ALTERABLE.has(next) ? undefined : `ALTER ${next ?? ''} is not a statement pg_dump writes for a schema`;
    case 'CREATE': {
      const kind = words.slice(1).find((w) => !CREATE_MODIFIERS.has(w));
      if (kind === 'USER') return words.includes('MAPPING') ? undefined : 'CREATE USER is not a statement pg_dump writes for a schema';
      if (!kind || !CREATABLE.has(kind)) return `CREATE ${kind ?? ''} is not a statement pg_dump writes for a schema`;
      if (kind === 'MATERIALIZED' && !/\bWITH\s+NO\s+DATA\s*;?\s*$/i.test(statement)) {
        return 'CREATE MATERIALIZED VIEW without WITH NO DATA would run its query during the restore (pg_dump --schema-only writes WITH NO DATA)';
      }
      if (kind === 'TABLE' && hasTopLevelAs(statement)) return 'CREATE TABLE … AS SELECT runs a query during the restore (pg_dump writes the table with its columns)';
      if (kind === 'SUBSCRIPTION' && !/\bconnect\s*=\s*false\b/i.test(statement)) return 'CREATE SUBSCRIPTION without connect = false would connect to another server (pg_dump writes connect = false)';
      return undefined;
    }
    default:
      return notPgDump;
  }
}

/** A top-level `AS` or `EXECUTE` in a CREATE TABLE: a table made from a query. */
function hasTopLevelAs(statement: string): boolean {
  let depth = 0;
  const tokens = statement.match(/'(?:[^']|'')*'|"(?:[^"]|"")*"|\$(\w*)\$[\s\S]*?\$\1\$|[()]|[A-Za-z_][\w$]*/g) ?? [];
  for (const token of tokens) {
    if (token === '(') depth++;
    else if (token === ')') depth--;
    else if (depth === 0 && /^(AS|EXECUTE)$/i.test(token)) return true;
  }
  return false;
}
