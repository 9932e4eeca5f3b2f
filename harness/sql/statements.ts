/** One statement of a SQL text, where it starts (1-based line and column, columns in characters as the server counts them). */
export interface Statement {
  /** From its first token to its terminating `;` (included), or to the end of the line for a psql `\` command. */
  text: string;
  /** UTF-16 offset of `text` in the input. */
  offset: number;
  line: number;
  column: number;
}

/**
 * Splits SQL into statements the way psql does: `;` ends a statement except inside quotes,
 * quoted identifiers, dollar quotes, comments, parentheses, and a `BEGIN ATOMIC … END` body; a
 * line starting with `\` is a psql meta-command. Comments and blank space between statements are
 * not part of any statement.
 */
export function splitStatements(sql: string): Statement[] {
  const out: Statement[] = [];
  let i = 0;
  let start = -1;
  let depth = 0;
  let atomic = 0; // BEGIN ATOMIC nesting (CASE … END counts too)
  let first = ''; // the statement's first word and the one before the current: CREATE … BEGIN ATOMIC
  let previous = '';
  const begin = () => {
    if (start < 0) start = i;
  };
  const end = (to: number) => {
    if (start >= 0) out.push({ text: sql.slice(start, to), offset: start, ...position(sql, start) });
    start = -1;
    depth = 0;
    atomic = 0;
    first = previous = '';
  };
  while (i < sql.length) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (c === '-' && next === '-') {
      const eol = sql.indexOf('\n', i);
      i = eol < 0 ? sql.length : eol;
    } else if (c === '/' && next === '*') {
      let nest = 1;
      i += 2;
      while (i < sql.length && nest > 0) {
        if (sql[i] === '/' && sql[i + 1] === '*') (nest++, (i += 2));
        else if (sql[i] === '*' && sql[i + 1] === '/') (nest--, (i += 2));
        else i++;
      }
    } else if (/\s/.test(c)) i++;
    else if (c === '\\' && start < 0) {
      begin();
      const eol = sql.indexOf('\n', i);
      i = eol < 0 ? sql.length : eol;
      end(i);
    } else if (c === "'") {
      begin();
      const escapes = /[eE]/.test(sql[i - 1] ?? '') && !/[\w$]/.test(sql[i - 2] ?? '');
      i++;
      while (i < sql.length) {
        if (escapes && sql[i] === '\\') i += 2;
        else if (sql[i] === "'" && sql[i + 1] === "'") i += 2;
        else if (sql[i] === "'") break;
        else i++;
      }
      i++;
    } else if (c === '"') {
      begin();
      i++;
      while (i < sql.length) {
        if (sql[i] === '"' && sql[i + 1] === '"') i += 2;
        else if (sql[i] === '"') break;
        else i++;
      }
      i++;
    } else if (c === '$' && !/[\w$]/.test(sql[i - 1] ?? '')) {
      begin();
      const tag = /^\$([A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*)?\$/.exec(sql.slice(i));
      if (!tag) {
        i++;
        continue;
      }
      const close = sql.indexOf(tag[0], i + tag[0].length);
      i = close < 0 ? sql.length : close + tag[0].length;
    } else if (/[A-Za-z_\u0080-\uffff]/.test(c)) {
      begin();
      const word = /^[A-Za-z_\u0080-\uffff][\w$\u0080-\uffff]*/.exec(sql.slice(i))![0];
      i += word.length;
      const upper = word.toUpperCase();
      first ||= upper;
      if (atomic > 0) {
        if (upper === 'CASE' || upper === 'BEGIN') atomic++;
        else if (upper === 'END') atomic--;
      } else if (upper === 'ATOMIC' && previous === 'BEGIN' && first === 'CREATE') atomic = 1;
      previous = upper;
    } else if (c === ';') {
      begin();
      i++;
      if (depth === 0 && atomic === 0) end(i);
    } else {
      begin();
      if (c === '(') depth++;
      else if (c === ')') depth = Math.max(0, depth - 1);
      i++;
    }
  }
  end(sql.length);
  return out;
}

/** 1-based line and column of a UTF-16 offset; columns count characters (code points), as the server does. */
export function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: [...text.slice(lineStart, offset)].length + 1 };
}

/** The first words of a statement in upper case (`CREATE`, `MATERIALIZED`, `VIEW`), skipping nothing but white space. */
export function leadingWords(statement: string, count = 4): string[] {
  return (statement.match(/[A-Za-z_][\w$]*/g) ?? []).slice(0, count).map((w) => w.toUpperCase());
}
