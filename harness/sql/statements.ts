/**
 * Splits SQL text into statements the way psql does (quotes, E'' strings, quoted identifiers,
 * dollar quotes, nested block comments, parentheses, CREATE FUNCTION … BEGIN ATOMIC … END
 * bodies, and a line starting with `\` as a meta-command of its own), keeping where each
 * statement starts and ends in the text. Migration replays and dump restores share it.
 */
export interface SqlStatement {
  /** UTF-16 index of the statement's first character (leading blanks and comments skipped). */
  start: number;
  /** UTF-16 index just past its end (after the `;`, or the end of the text). */
  end: number;
  text: string;
  /** Its words, lower-cased (quoted identifiers as written, without the quotes), for classifying it. */
  words: string[];
}

const IDENT_START = /[A-Za-z_\u0080-\uffff]/;
const IDENT_PART = /[A-Za-z0-9_$\u0080-\uffff]/;

export function splitStatements(sql: string): SqlStatement[] {
  const statements: SqlStatement[] = [];
  let start = -1; // -1: no significant character yet in this statement
  let words: string[] = [];
  let parens = 0;
  let beginDepth = 0;
  let heads = ''; // first letters of the leading create/or/replace/function/procedure words (psql's heuristic)
  let wordCount = 0;
  const open = (i: number) => {
    if (start < 0) start = i;
  };
  const close = (end: number) => {
    if (start >= 0) statements.push({ start, end, text: sql.slice(start, end), words });
    start = -1;
    words = [];
    parens = 0;
    beginDepth = 0;
    heads = '';
    wordCount = 0;
  };
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (c === '-' && next === '-') {
      const eol = sql.indexOf('\n', i);
      i = eol < 0 ? sql.length : eol + 1;
      continue;
    }
    if (c === '/' && next === '*') {
      let depth = 1;
      i += 2;
      while (i < sql.length && depth > 0) {
        if (sql[i] === '/' && sql[i + 1] === '*') (depth++, (i += 2));
        else if (sql[i] === '*' && sql[i + 1] === '/') (depth--, (i += 2));
        else i++;
      }
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '\\' && start < 0) {
      // a psql meta-command (\restrict in pg_dump's output): the rest of its line, a statement of its own
      const eol = sql.indexOf('\n', i);
      open(i);
      words.push(sql.slice(i, eol < 0 ? sql.length : eol).split(/\s/)[0]!);
      close(eol < 0 ? sql.length : eol);
      i = eol < 0 ? sql.length : eol;
      continue;
    }
    open(i);
    if (c === "'") {
      i = endOfString(sql, i, false);
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      for (;;) {
        const q = sql.indexOf('"', j);
        if (q < 0) {
          j = sql.length;
          break;
        }
        if (sql[q + 1] === '"') j = q + 2;
        else {
          j = q + 1;
          break;
        }
      }
      words.push(sql.slice(i + 1, j - 1).replaceAll('""', '"'));
      i = j;
      continue;
    }
    if (c === '$') {
      const tag = /^\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/.exec(sql.slice(i, i + 64));
      if (tag) {
        const close = sql.indexOf(tag[0], i + tag[0].length);
        i = close < 0 ? sql.length : close + tag[0].length;
        continue;
      }
      i++;
      continue;
    }
    if (IDENT_START.test(c)) {
      let j = i + 1;
      while (j < sql.length && IDENT_PART.test(sql[j]!)) j++;
      const word = sql.slice(i, j).toLowerCase();
      // E'…' and U&'…' strings: the prefix is part of the literal
      if ((word === 'e' || word === 'x' || word === 'b' || word === 'n') && sql[j] === "'") {
        i = endOfString(sql, j, word === 'e');
        continue;
      }
      if (word === 'u' && sql[j] === '&' && (sql[j + 1] === "'" || sql[j + 1] === '"')) {
        i = j + 1;
        continue;
      }
      words.push(word);
      // psql's heuristic: inside CREATE [OR REPLACE] FUNCTION|PROCEDURE, BEGIN … END (and CASE … END
      // within it) hold semicolons that do not end the statement (SQL-standard bodies)
      if (wordCount < 4) heads += ['create', 'or', 'replace', 'function', 'procedure'].includes(word) ? word[0] : '_';
      wordCount++;
      if (/^c(f|p|or[fp])/.test(heads) && parens === 0) {
        if (word === 'begin') beginDepth++;
        else if (word === 'case' && beginDepth > 0) beginDepth++;
        else if (word === 'end' && beginDepth > 0) beginDepth--;
      }
      i = j;
      continue;
    }
    if (c === '(') parens++;
    else if (c === ')') parens = Math.max(0, parens - 1);
    else if (c === ';' && parens === 0 && beginDepth === 0) {
      close(i + 1);
      i++;
      continue;
    }
    i++;
  }
  close(sql.length);
  return statements;
}

function endOfString(sql: string, quote: number, backslashEscapes: boolean): number {
  let j = quote + 1;
  while (j < sql.length) {
    const ch = sql[j]!;
    if (backslashEscapes && ch === '\\') {
      j += 2;
      continue;
    }
    if (ch === "'") {
      if (sql[j + 1] === "'") {
        j += 2;
        continue;
      }
      return j + 1;
    }
    j++;
  }
  return sql.length;
}
