import { significantTokens, tokenize } from '../sql/lexer.js';
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
      // SESSION only in SET SESSION AUTHORIZATION: SET SESSION <setting> would escape the checks below
      if (next === 'SESSION' && words[2] !== 'AUTHORIZATION') return `SET SESSION ${words[2] ?? ''} is not how pg_dump writes a setting`;
      if (!next || !SETTINGS.has(next)) return `SET ${next ?? ''} is not a setting pg_dump writes`;
      return settingRefusal(next, statement);
    // after a grant made as its grantor (SET SESSION AUTHORIZATION); dropped like the SET
    case 'RESET':
      return next === 'SESSION' || next === 'ROLE' ? undefined : notPgDump;
    case 'SELECT':
      return SET_SEARCH_PATH.test(statement.replace(/\s+/g, ' ').trim()) ? undefined : notPgDump;
    case 'ALTER': {
      if (next === 'USER') return words[2] === 'MAPPING' ? undefined : notPgDump.replace('ALTER', 'ALTER USER');
      // (pg_dump writes a language's owner as ALTER PROCEDURAL LANGUAGE … OWNER TO …)
      const kind = next === 'PROCEDURAL' ? words[2] : next;
      if (!kind || !ALTERABLE.has(kind)) return `ALTER ${next ?? ''} is not a statement pg_dump writes for a schema`;
      const tokens = tokensOf(statement);
      return inSystemSchema(tokens) ?? escapedNameRefusal(tokens) ?? (next === 'TABLE' ? alterTableRefusal(tokens) : undefined);
    }
    case 'CREATE': {
      const kind = words.slice(1).find((w) => !CREATE_MODIFIERS.has(w));
      if (kind === 'USER') return words.includes('MAPPING') ? undefined : 'CREATE USER is not a statement pg_dump writes for a schema';
      if (!kind || !CREATABLE.has(kind)) return `CREATE ${kind ?? ''} is not a statement pg_dump writes for a schema`;
      // on the statement's tokens: a comment or a string must not pass for a clause
      const tokens = tokensOf(statement);
      const system = inSystemSchema(tokens) ?? escapedNameRefusal(tokens);
      if (system) return system;
      if (kind === 'MATERIALIZED' && tokens.filter((t) => t !== ';').slice(-3).join(' ') !== 'WITH NO DATA') {
        return 'CREATE MATERIALIZED VIEW without WITH NO DATA would run its query during the restore (pg_dump --schema-only writes WITH NO DATA)';
      }
      if (kind === 'TABLE' && hasTopLevelAs(statement)) return 'CREATE TABLE … AS SELECT runs a query during the restore (pg_dump writes the table with its columns)';
      if (kind === 'SUBSCRIPTION' && !tokens.join(' ').includes('CONNECT = FALSE')) return 'CREATE SUBSCRIPTION without connect = false would connect to another server (pg_dump writes connect = false)';
      if (kind === 'FUNCTION' || kind === 'PROCEDURE') return languageRefusal(tokens);
      return boundRefusal(tokens);
    }
    default:
      return notPgDump;
  }
}

/** A top-level `AS` or `EXECUTE` in a CREATE TABLE: a table made from a query. */
function hasTopLevelAs(statement: string): boolean {
  let depth = 0;
  for (const token of tokensOf(statement)) {
    if (token === '(') depth++;
    else if (token === ')') depth--;
    else if (depth === 0 && (token === 'AS' || token === 'EXECUTE')) return true;
  }
  return false;
}

/**
 * A statement's tokens as the server reads them (lexer.ts), blanks and comments left out: a
 * string constant or dollar-quoted text as `'…'` (its text dropped), a quoted name as written, a
 * word with its ASCII letters upper-cased (as the server folds names, it leaves other letters
 * alone), `::`, and any other character alone.
 */
export function tokensOf(statement: string): readonly string[] {
  // each statement is read by several checks (refusalOf, restoreRole, functionsDefined,
  // callbackRefusal …): its tokens are kept for the next one, for a dump's worth of statements
  const kept = keptTokens.get(statement);
  if (kept) return kept;
  const tokens = Object.freeze(
    significantTokens(statement).map(({ kind, start, end }) => {
      if (kind === 'string' || kind === 'dollar') return "'…'";
      const text = statement.slice(start, end);
      return kind === 'word' ? asciiUpper(text) : text;
    }),
  );
  if (keptTokens.size >= 20_000) keptTokens.clear();
  keptTokens.set(statement, tokens);
  return tokens;
}
const keptTokens = new Map<string, readonly string[]>();

/** A word's ASCII letters upper-cased (as the server folds names, other letters left alone). */
function asciiUpper(word: string): string {
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) > 127) return word.replace(/[a-z]+/g, (letters) => letters.toUpperCase());
  return word.toUpperCase();
}
const asciiLower = (word: string) => word.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());

/** pg_dump quotes names with plain double quotes; a U&"…" name is one the checks here would read otherwise than the server (its escapes). */
function escapedNameRefusal(tokens: readonly string[]): string | undefined {
  const name = tokens.find((t) => (t[0] === 'U' || t[0] === 'u') && t[1] === '&' && t[2] === '"');
  return name ? `${name}: a name with Unicode escapes is not how pg_dump writes names (it writes them in plain double quotes)` : undefined;
}

/** The settings a restore must keep as its own: strings read as standard SQL strings, the file read as UTF-8. */
function settingRefusal(name: string, statement: string): string | undefined {
  if (name === 'STANDARD_CONFORMING_STRINGS' && !/^SET\s+standard_conforming_strings\s*(=|TO)\s*'?on'?\s*;?$/i.test(statement.trim())) {
    return 'SET standard_conforming_strings to anything but on would change how the restore reads every string after it (pg_dump writes on)';
  }
  if (name === 'CLIENT_ENCODING') {
    // pg_dump writes the database's encoding (UTF8, SQL_ASCII, LATIN1…); in the encodings only a
    // client may use, a quote or backslash byte can end a character: the server would split the
    // text where the check did not. Read on tokens, as the server reads it (a prefix, a comment)
    const encoding = clientEncodingOf(statement);
    if (encoding === undefined) return `SET client_encoding is written otherwise than pg_dump writes it (SET client_encoding = 'NAME';)`;
    if (CLIENT_ONLY_ENCODINGS.has(encoding)) {
      return 'SET client_encoding to an encoding whose characters can end in a quote byte would make the server read the text otherwise than the check did (dump a UTF8 copy: pg_dump --encoding=UTF8)';
    }
  }
  return undefined;
}

/**
 * The encoding a `SET client_encoding = 'NAME';` (or `TO name`) sets, as the server compares names
 * (lower case, letters and digits only); undefined when the statement is not in that form (an
 * E'' or U&'' string, a comment, anything more), which pg_dump never writes.
 */
export function clientEncodingOf(statement: string): string | undefined {
  const tokens = tokenize(statement).filter((t) => t.kind !== 'space');
  const text = (i: number) => (tokens[i] ? statement.slice(tokens[i]!.start, tokens[i]!.end) : undefined);
  const value = tokens[3];
  const shape =
    /^set$/i.test(text(0) ?? '') && /^client_encoding$/i.test(text(1) ?? '') && (text(2) === '=' || /^to$/i.test(text(2) ?? '')) &&
    (value?.kind === 'word' || (value?.kind === 'string' && text(3)!.startsWith("'"))) && (tokens.length === 4 || (tokens.length === 5 && text(4) === ';'));
  if (!shape) return undefined;
  const name = value!.kind === 'string' ? text(3)!.slice(1, -1).replaceAll("''", "'") : text(3)!;
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The client-only encodings and their aliases, as the server compares names: lower case, letters and digits only. */
const CLIENT_ONLY_ENCODINGS = new Set([
  'sjis', 'shiftjis', 'mskanji', 'win932', 'windows932', 'shiftjis2004', 'big5', 'win950', 'windows950', 'gbk', 'win936', 'windows936', 'cp936', 'gb18030',
  'uhc', 'win949', 'windows949', 'johab',
]);

/** pg_dump writes no object of the system schemas: one made or changed there would replace what every query (the snapshot's too) calls. */
function inSystemSchema(tokens: readonly string[]): string | undefined {
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (tokens[i + 1] === '.' && /^"?(PG_CATALOG|INFORMATION_SCHEMA|PG_TOAST|pg_catalog|information_schema|pg_toast)"?$/.test(tokens[i]!) && i <= objectNameAt(tokens)) {
      return `an object of ${tokens[i]!.replaceAll('"', '').toLowerCase()} is not something pg_dump writes (it writes the application's schemas)`;
    }
  }
  return undefined;
}

/** Where the name of the object a CREATE or ALTER is about starts, at the latest (after its kind words, IF [NOT] EXISTS, ONLY). */
function objectNameAt(tokens: readonly string[]): number {
  let i = 0;
  while (i < tokens.length && KIND_WORDS.has(tokens[i]!)) i++;
  i++; // the kind itself (FUNCTION, TABLE …)
  while (i < tokens.length && ['IF', 'NOT', 'EXISTS', 'ONLY'].includes(tokens[i]!)) i++;
  return i;
}
const KIND_WORDS = new Set([
  'CREATE', 'ALTER', 'OR', 'REPLACE', 'UNLOGGED', 'UNIQUE', 'CONSTRAINT', 'DEFAULT', 'TRUSTED', 'PROCEDURAL', 'RECURSIVE', 'MATERIALIZED', 'TEXT', 'SEARCH',
  'FOREIGN', 'DATA', 'EVENT', 'ACCESS', 'METHOD', 'OPERATOR', 'CLASS', 'FAMILY', 'CONFIGURATION', 'DICTIONARY', 'PARSER', 'TEMPLATE', 'WRAPPER',
]);

/**
 * ALTER TABLE as pg_dump writes it never evaluates an expression: it adds constraints (ADD
 * CONSTRAINT) and identities (ALTER COLUMN … ADD GENERATED), never a column (whose default the
 * server evaluates once, for the rows there are) nor a new column type (USING runs per row).
 */
function alterTableRefusal(tokens: readonly string[]): string | undefined {
  for (const action of alterTableActions(tokens)) {
    if (action[0] === 'ADD' && action[1] !== 'CONSTRAINT') {
      return 'ALTER TABLE … ADD of a column is not something pg_dump writes (it writes the table with its columns); a default given there is evaluated during the restore';
    }
    if (action[0] === 'ALTER') {
      const at = action[1] === 'COLUMN' ? 3 : 2; // after ALTER [COLUMN] <name>
      if (action[at] === 'TYPE' || (action[at] === 'SET' && action[at + 1] === 'DATA')) {
        return 'ALTER COLUMN … TYPE is not something pg_dump writes; its USING expression is evaluated during the restore';
      }
    }
  }
  return boundRefusal(tokens);
}

/** The actions of ALTER TABLE [IF EXISTS] [ONLY] <name> [*] <action>, <action>…: each its tokens (a name may be any word: `add`). */
function alterTableActions(tokens: readonly string[]): string[][] {
  let i = 2;
  while (['IF', 'EXISTS', 'ONLY'].includes(tokens[i]!)) i++;
  i += tokens[i + 1] === '.' ? 3 : 1;
  if (tokens[i] === '*') i++;
  const actions: string[][] = [[]];
  let depth = 0;
  for (const token of tokens.slice(i)) {
    if (token === '(') depth++;
    if (token === ')') depth--;
    if (depth === 0 && token === ',') actions.push([]);
    else if (token !== ';') actions.at(-1)!.push(token);
  }
  return actions;
}

/** The words a partition bound pg_dump writes is made of, besides constants. */
const BOUND_WORDS = new Set(['IN', 'FROM', 'TO', 'WITH', 'MODULUS', 'REMAINDER', 'MINVALUE', 'MAXVALUE', 'TRUE', 'FALSE', 'NULL']);

/**
 * A partition bound (FOR VALUES …) is evaluated when the partition is made or attached: pg_dump
 * writes constants there, never a call, an operator, a cast or a name.
 */
function boundRefusal(tokens: readonly string[]): string | undefined {
  let at = -1;
  for (let v = tokens.indexOf('VALUES'); v !== -1 && at === -1; v = tokens.indexOf('VALUES', v + 1)) if (tokens[v - 1] === 'FOR') at = v - 1;
  if (at === -1) return undefined;
  let depth = 0;
  for (let i = at + 2; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token === '(') depth++;
    else if (token === ')') {
      depth--;
      // the bound ends after its last group: FROM (…) TO (…), IN (…), WITH (…)
      if (depth === 0 && tokens[i + 1] !== 'TO') return undefined;
    } else if (token === "'…'" || /^\d/.test(token) || token === ',' || token === '-' || token === '+' || BOUND_WORDS.has(token)) continue;
    else return `a partition bound made of anything but constants (here ${token}) is not something pg_dump writes; it would be evaluated during the restore`;
  }
  return undefined;
}

/** A C or internal function is code of the server (a C one: a symbol of any library on its machine): pg_dump writes them only inside extensions. */
function languageRefusal(tokens: readonly string[]): string | undefined {
  const at = tokens.indexOf('LANGUAGE');
  const language = at === -1 ? undefined : tokens[at + 1];
  if (language === 'C' || language === 'INTERNAL' || language === '"c"' || language === '"internal"') {
    return `a function in LANGUAGE ${language.replaceAll('"', '').toLowerCase()} is code of the server: schema-parity restores such functions only from an extension (CREATE EXTENSION)`;
  }
  // the old spelling, LANGUAGE 'c': a string whose text the tokens drop
  if (language === "'…'") return 'LANGUAGE given as a string is not how pg_dump writes it';
  return undefined;
}

/** A name as the server reads it from tokens: unquoted lower-cased, quoted as written; unqualified in pg_catalog (search_path is empty in a restore). */
function qualifiedAt(tokens: readonly string[], at: number): string | undefined {
  const part = (token: string | undefined) => (token === undefined ? undefined : token.startsWith('"') ? token.slice(1, -1).replaceAll('""', '"') : /^[A-Z_\u0080-\uffff]/.test(token) ? asciiLower(token) : undefined);
  const first = part(tokens[at]);
  if (first === undefined) return undefined;
  return tokens[at + 1] === '.' ? `${first}.${part(tokens[at + 2]) ?? ''}` : `pg_catalog.${first}`;
}

/** The functions a dump's own CREATE FUNCTION statements make, by qualified name. */
export function functionsDefined(statements: ReadonlyArray<{ text: string }>): Set<string> {
  const names = new Set<string>();
  for (const { text } of statements) {
    const tokens = tokensOf(text);
    const at = tokens.indexOf('FUNCTION');
    if (tokens[0] === 'CREATE' && at !== -1 && at <= 3) {
      const name = qualifiedAt(tokens, at + 1);
      if (name) names.add(name);
    }
  }
  return names;
}

/**
 * The server calls a language's handler and validator, a foreign-data wrapper's, an access
 * method's and a text search parser's or template's functions as it restores what uses them: as
 * the restoring superuser. pg_dump writes them for functions of the server or of an extension,
 * never for a function the dump itself defines (which would run there and then).
 */
export function callbackRefusal(text: string, defined: ReadonlySet<string>): string | undefined {
  const tokens = tokensOf(text);
  if (tokens[0] !== 'CREATE' && tokens[0] !== 'ALTER') return undefined;
  const callbacks = new Set(['HANDLER', 'VALIDATOR', 'INLINE', 'START', 'GETTOKEN', 'END', 'LEXTYPES', 'HEADLINE', 'INIT', 'LEXIZE']);
  const kinds = ['LANGUAGE', 'WRAPPER', 'METHOD', 'PARSER', 'TEMPLATE'];
  if (!tokens.slice(0, 6).some((t) => kinds.includes(t))) return undefined;
  for (let i = 0; i < tokens.length; i++) {
    if (!callbacks.has(tokens[i]!)) continue;
    const name = qualifiedAt(tokens, tokens[i + 1] === '=' ? i + 2 : i + 1);
    if (name && defined.has(name)) return `${tokens[i]} ${name}: a function the dump defines, called by the server as it restores (pg_dump writes functions of the server or of an extension there)`;
  }
  return undefined;
}

/**
 * The table a statement makes or attaches a partition of (`"public"."p"`, quoted for to_regclass),
 * or undefined: its bound is coerced to the partition key's types, and a domain's CHECK then runs.
 */
export function partitionParent(text: string): string | undefined {
  const tokens = tokensOf(text);
  if (!tokens.some((t, i) => t === 'FOR' && tokens[i + 1] === 'VALUES')) return undefined;
  const of = tokens.findIndex((t, i) => t === 'OF' && tokens[i - 1] === 'PARTITION');
  let at = of !== -1 ? of + 1 : tokens[0] === 'ALTER' && tokens[1] === 'TABLE' && tokens.includes('ATTACH') ? 2 : -1;
  while (at !== -1 && ['IF', 'EXISTS', 'ONLY'].includes(tokens[at]!)) at++;
  const name = at === -1 ? undefined : qualifiedAt(tokens, at);
  return name?.split('.').map((part) => `"${part.replaceAll('"', '""')}"`).join('.');
}

/** The kinds only a superuser may create or change (their words after CREATE, ALTER or COMMENT ON); none runs the dump's code. */
const SUPERUSER_KINDS = [
  ['EXTENSION'], ['EVENT', 'TRIGGER'], ['FOREIGN', 'DATA', 'WRAPPER'], ['LANGUAGE'], ['OPERATOR', 'CLASS'], ['OPERATOR', 'FAMILY'], ['TEXT', 'SEARCH', 'PARSER'],
  ['TEXT', 'SEARCH', 'TEMPLATE'], ['ACCESS', 'METHOD'], ['SUBSCRIPTION'], ['CAST'], ['PUBLICATION'],
];

/**
 * How a restore runs a statement, read on its tokens (a comment or a string must not decide it):
 * `access` (an owner or a privilege: set last, as the superuser), `event trigger` (after
 * everything, as the superuser), `superuser` (a kind only a superuser may create, a shell type
 * too), or undefined:
 * as the restoring role.
 */
export function restoreRole(statement: string): 'access' | 'event trigger' | 'superuser' | undefined {
  const tokens = tokensOf(statement).filter((t) => t !== ';');
  const [verb] = tokens;
  if (verb === 'GRANT' || verb === 'REVOKE' || (verb === 'ALTER' && tokens[1] === 'DEFAULT' && tokens[2] === 'PRIVILEGES')) return 'access';
  // pg_dump writes `ALTER <kind> <name> OWNER TO <role>;`: the owner clause ends the statement
  if (verb === 'ALTER' && tokens.at(-3) === 'OWNER' && tokens.at(-2) === 'TO') return 'access';
  // a shell type (`CREATE TYPE name;`, pg_dump's for a type it cannot write yet or at all): only
  // a superuser may make one, and it names no function
  if (verb === 'CREATE' && tokens[1] === 'TYPE' && (tokens.length === 3 || (tokens.length === 5 && tokens[3] === '.'))) return 'superuser';
  let at = verb === 'COMMENT' && tokens[1] === 'ON' ? 2 : verb === 'CREATE' || verb === 'ALTER' ? 1 : -1;
  if (at === -1) return undefined;
  while (['OR', 'REPLACE', 'TRUSTED', 'PROCEDURAL'].includes(tokens[at]!)) at++;
  const kind = SUPERUSER_KINDS.find((words) => words.every((word, i) => tokens[at + i] === word));
  if (!kind) return undefined;
  return kind[0] === 'EVENT' ? 'event trigger' : 'superuser';
}
