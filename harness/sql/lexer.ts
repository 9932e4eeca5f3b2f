/**
 * PostgreSQL's lexical rules, written once. Everything in the harness that reads SQL text steps
 * through it with `tokenAt`: splitting a file into statements as psql does, classifying a dump's
 * statements, telling a body that differs only in whitespace and comments, finding psql
 * variables. So what one reader takes for a comment, a string or a name, the others do too, and
 * so does the server: nested block comments, E'' strings (a backslash escapes a quote), B''/X''/
 * N''/U&'' strings, U&"" names, dollar quotes whose tag may hold any letter, `$1` parameters.
 *
 * Strings are read with standard_conforming_strings on, as the server does by default and as a
 * restore requires (see dump/allow-list.ts).
 */
export type TokenKind =
  /** Blanks: space, tab, newline, carriage return, form feed, vertical tab (the server's set). */
  | 'space'
  /** `-- …` to the end of the line, or `/* … *\/` with nesting. */
  | 'comment'
  /** A bare word: a keyword or an unquoted name. */
  | 'word'
  /** A quoted name: `"…"` or `U&"…"`. */
  | 'quoted'
  /** A string constant: `'…'`, `E'…'`, `B'…'`, `X'…'`, `N'…'`, `U&'…'`. */
  | 'string'
  /** A dollar-quoted string: `$$…$$`, `$tag$…$tag$`. */
  | 'dollar'
  | 'number'
  /** `$1`: a parameter. */
  | 'parameter'
  /** psql's `:'name'` or `:"name"` (only when asked for: psql reads them, the server does not). */
  | 'psql-variable'
  /** `::`, or any other single character. */
  | 'symbol';

export interface Token {
  kind: TokenKind;
  /** UTF-16 index of its first character. */
  start: number;
  /** UTF-16 index just past it (the end of the text when it is not closed). */
  end: number;
}

export interface LexOptions {
  /** Read psql's `:'name'` and `:"name"` variables as tokens of their own. */
  psqlVariables?: boolean;
}

const SPACE = /[ \t\n\r\f\v]/;
const IDENT_START = /[A-Za-z_\u0080-\uffff]/;
const IDENT_PART = /[A-Za-z0-9_$\u0080-\uffff]/;
const DOLLAR_TAG = /\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/y;
const PARAMETER = /\$\d+/y;
const NUMBER = /0[xX][0-9A-Fa-f_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d[\d_]*(?:\.(?!\.)[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?\d+)?/y;
const PSQL_VARIABLE = /:(["'])[A-Za-z_][A-Za-z0-9_]*\1/y;

/** The token starting at `index` (which must be within `sql`). */
export function tokenAt(sql: string, index: number, options: LexOptions = {}): Token {
  const c = sql[index]!;
  const next = sql[index + 1];
  const token = (kind: TokenKind, end: number): Token => ({ kind, start: index, end: Math.min(end, sql.length) });
  if (SPACE.test(c)) {
    let j = index + 1;
    while (j < sql.length && SPACE.test(sql[j]!)) j++;
    return token('space', j);
  }
  if (c === '-' && next === '-') {
    const eol = sql.indexOf('\n', index);
    return token('comment', eol < 0 ? sql.length : eol);
  }
  if (c === '/' && next === '*') return token('comment', endOfBlockComment(sql, index));
  if (c === "'") return token('string', endOfQuoted(sql, index, "'", false));
  if (c === '"') return token('quoted', endOfQuoted(sql, index, '"', false));
  if (c === '$') {
    DOLLAR_TAG.lastIndex = index;
    const tag = DOLLAR_TAG.exec(sql)?.[0];
    if (tag) {
      const close = sql.indexOf(tag, index + tag.length);
      return token('dollar', close < 0 ? sql.length : close + tag.length);
    }
    PARAMETER.lastIndex = index;
    if (PARAMETER.test(sql)) return token('parameter', PARAMETER.lastIndex);
    return token('symbol', index + 1);
  }
  if (IDENT_START.test(c)) {
    // a string's prefix is part of it: E'…' (backslash escapes), B'…', X'…', N'…', U&'…', U&"…"
    const after = sql[index + 1];
    const lower = c.toLowerCase();
    if (after === "'" && (lower === 'e' || lower === 'b' || lower === 'x' || lower === 'n')) return token('string', endOfQuoted(sql, index + 1, "'", lower === 'e'));
    if (lower === 'u' && after === '&' && (sql[index + 2] === "'" || sql[index + 2] === '"')) {
      const quote = sql[index + 2]!;
      return token(quote === "'" ? 'string' : 'quoted', endOfQuoted(sql, index + 2, quote, false));
    }
    let j = index + 1;
    while (j < sql.length && IDENT_PART.test(sql[j]!)) j++;
    return token('word', j);
  }
  if ((c >= '0' && c <= '9') || (c === '.' && next !== undefined && next >= '0' && next <= '9')) {
    NUMBER.lastIndex = index;
    if (NUMBER.test(sql)) return token('number', NUMBER.lastIndex);
  }
  if (c === ':') {
    if (next === ':') return token('symbol', index + 2);
    if (options.psqlVariables && (next === "'" || next === '"') && !IDENT_PART.test(sql[index - 1] ?? ' ')) {
      PSQL_VARIABLE.lastIndex = index;
      if (PSQL_VARIABLE.test(sql)) return token('psql-variable', PSQL_VARIABLE.lastIndex);
    }
  }
  // a character outside the BMP is one symbol, not two halves
  const code = sql.charCodeAt(index);
  return token('symbol', index + (code >= 0xd800 && code <= 0xdbff && index + 1 < sql.length ? 2 : 1));
}

/** Every token of `sql`, in order. */
export function tokenize(sql: string, options: LexOptions = {}): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < sql.length; ) {
    const token = tokenAt(sql, i, options);
    tokens.push(token);
    i = token.end;
  }
  return tokens;
}

/** The tokens that mean something to the server: no blanks, no comments. */
export function significantTokens(sql: string, options: LexOptions = {}): Token[] {
  return tokenize(sql, options).filter((t) => t.kind !== 'space' && t.kind !== 'comment');
}

/** A quoted name's text: its quotes (and a U& prefix) dropped, doubled quotes made single. */
export function unquoted(sql: string, token: Token): string {
  const text = sql.slice(token.start, token.end);
  const body = text.startsWith('"') ? text : text.slice(2);
  return body.slice(1, body.endsWith('"') && body.length > 1 ? -1 : undefined).replaceAll('""', '"');
}

function endOfBlockComment(sql: string, start: number): number {
  let depth = 1;
  let i = start + 2;
  while (i < sql.length && depth > 0) {
    if (sql[i] === '/' && sql[i + 1] === '*') (depth++, (i += 2));
    else if (sql[i] === '*' && sql[i + 1] === '/') (depth--, (i += 2));
    else i++;
  }
  return i;
}

/** Just past the quote closing the one at `open` (a doubled quote is one character; in an E'' string a backslash escapes the next). */
function endOfQuoted(sql: string, open: number, quote: string, backslashEscapes: boolean): number {
  let j = open + 1;
  while (j < sql.length) {
    const ch = sql[j];
    if (backslashEscapes && ch === '\\') j += 2;
    else if (ch === quote) {
      if (sql[j + 1] === quote) j += 2;
      else return j + 1;
    } else j++;
  }
  return sql.length;
}
