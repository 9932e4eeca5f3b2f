import { tokenAt, unquoted } from './lexer.js';

/**
 * Splits SQL text into statements the way psql does (quotes, E'' strings, quoted identifiers,
 * dollar quotes, nested block comments, parentheses, CREATE FUNCTION … BEGIN ATOMIC … END
 * bodies, and a line starting with `\` as a meta-command of its own), keeping where each
 * statement starts and ends in the text. Migration replays and dump restores share it; its tokens
 * are the lexer's (lexer.ts).
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

export function splitStatements(sql: string): SqlStatement[] {
  const statements: SqlStatement[] = [];
  let start = -1; // -1: no significant character yet in this statement
  let words: string[] = [];
  let parens = 0;
  let beginDepth = 0;
  let heads = ''; // first letters of the leading create/or/replace/function/procedure words (psql's heuristic)
  let wordCount = 0;
  const close = (end: number) => {
    if (start >= 0) statements.push({ start, end, text: sql.slice(start, end), words });
    start = -1;
    words = [];
    parens = 0;
    beginDepth = 0;
    heads = '';
    wordCount = 0;
  };
  for (let i = 0; i < sql.length; ) {
    const token = tokenAt(sql, i);
    i = token.end;
    if (token.kind === 'space' || token.kind === 'comment') continue;
    const c = sql[token.start]!;
    if (c === '\\' && start < 0) {
      // a psql meta-command (\restrict in pg_dump's output): the rest of its line, a statement of its own
      const eol = sql.indexOf('\n', token.start);
      const end = eol < 0 ? sql.length : eol;
      start = token.start;
      words.push(sql.slice(token.start, end).split(/\s/)[0]!);
      close(end);
      i = end;
      continue;
    }
    if (start < 0) start = token.start;
    if (token.kind === 'quoted') words.push(unquoted(sql, token));
    else if (token.kind === 'word') {
      const word = sql.slice(token.start, token.end).toLowerCase();
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
    } else if (token.kind === 'symbol') {
      if (c === '(') parens++;
      else if (c === ')') parens = Math.max(0, parens - 1);
      else if (c === ';' && parens === 0 && beginDepth === 0) close(token.end);
    }
  }
  close(sql.length);
  return statements;
}
