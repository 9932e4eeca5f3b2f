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

const DOLLAR_TAG = /\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/y;
const PARAMETER = /\$\d+/y;
const NUMBER = /0[xX][0-9A-Fa-f_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d[\d_]*(?:\.(?!\.)[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?\d+)?/y;
const PSQL_VARIABLE = /:(["'])[A-Za-z_][A-Za-z0-9_]*\1/y;

// on character codes: the lexer runs over whole dumps (megabytes), where a regex test per character shows
const isSpace = (code: number) => code === 32 || (code >= 9 && code <= 13);
const isIdentStart = (code: number) => (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95 || code >= 0x80;
const isIdentPart = (code: number) => isIdentStart(code) || (code >= 48 && code <= 57) || code === 36;
const isDigit = (code: number) => code >= 48 && code <= 57;

/** The token starting at `index` (which must be within `sql`). */
export function tokenAt(sql: string, index: number, options: LexOptions = {}): Token {
  const code = sql.charCodeAt(index);
  const next = sql.charCodeAt(index + 1); // NaN past the end
  const token = (kind: TokenKind, end: number): Token => ({ kind, start: index, end: Math.min(end, sql.length) });
  if (isSpace(code)) {
    let j = index + 1;
    while (j < sql.length && isSpace(sql.charCodeAt(j))) j++;
    return token('space', j);
  }
  switch (code) {
    case 45: // -
      if (next === 45) {
        const eol = sql.indexOf('\n', index);
        return token('comment', eol < 0 ? sql.length : eol);
      }
      break;
    case 47: // /
      if (next === 42) return token('comment', endOfBlockComment(sql, index));
      break;
    case 39: // '
      return token('string', endOfQuoted(sql, index, "'", false));
    case 34: // "
      return token('quoted', endOfQuoted(sql, index, '"', false));
    case 36: {
      // $
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
    case 58: // :
      if (next === 58) return token('symbol', index + 2);
      if (options.psqlVariables && (next === 39 || next === 34) && !(index > 0 && isIdentPart(sql.charCodeAt(index - 1)))) {
        PSQL_VARIABLE.lastIndex = index;
        if (PSQL_VARIABLE.test(sql)) return token('psql-variable', PSQL_VARIABLE.lastIndex);
      }
      break;
  }
  if (isIdentStart(code)) {
    // a string's prefix is part of it: E'…' (backslash escapes), B'…', X'…', N'…', U&'…', U&"…"
    const lower = code | 0x20;
    if (next === 39 && (lower === 101 || lower === 98 || lower === 120 || lower === 110)) return token('string', endOfQuoted(sql, index + 1, "'", lower === 101));
    if (lower === 117 && next === 38) {
      const quote = sql[index + 2];
      if (quote === "'" || quote === '"') return token(quote === "'" ? 'string' : 'quoted', endOfQuoted(sql, index + 2, quote, false));
    }
    let j = index + 1;
    while (j < sql.length && isIdentPart(sql.charCodeAt(j))) j++;
    return token('word', j);
  }
  if (isDigit(code) || (code === 46 && isDigit(next))) {
    NUMBER.lastIndex = index;
    if (NUMBER.test(sql)) return token('number', NUMBER.lastIndex);
  }
  // a character outside the BMP is one symbol, not two halves
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
  while (depth > 0) {
    const close = sql.indexOf('*/', i);
    if (close < 0) return sql.length;
    const open = sql.indexOf('/*', i);
    if (open >= 0 && open < close) {
      depth++;
      i = open + 2;
    } else {
      depth--;
      i = close + 2;
    }
  }
  return i;
}

/** Just past the quote closing the one at `open` (a doubled quote is one character; in an E'' string a backslash escapes the next). */
function endOfQuoted(sql: string, open: number, quote: string, backslashEscapes: boolean): number {
  let j = open + 1;
  for (;;) {
    const close = sql.indexOf(quote, j);
    if (close < 0) return sql.length;
    if (backslashEscapes) {
      const slash = sql.indexOf('\\', j);
      if (slash >= 0 && slash < close) {
        j = slash + 2;
        continue;
      }
    }
    if (sql[close + 1] === quote) j = close + 2;
    else return close + 1;
  }
}
