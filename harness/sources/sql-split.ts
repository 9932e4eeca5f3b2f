import { tokenize } from '../sql/lexer.js';
import type { SqlStatement } from '../sql/statements.js';

/**
 * What a statement is that PostgreSQL refuses inside a transaction block ("cannot run inside a
 * transaction block"), e.g. `CREATE INDEX CONCURRENTLY`; undefined for anything else.
 */
export function nonTransactional(statement: SqlStatement): string | undefined {
  const w = statement.words;
  const [a, b, c] = w;
  if (a === 'vacuum') return 'VACUUM';
  if (a === 'alter' && b === 'system') return 'ALTER SYSTEM';
  if ((a === 'create' || a === 'drop') && (b === 'database' || b === 'tablespace' || b === 'subscription')) return `${a} ${b}`.toUpperCase();
  if (a === 'create' && (b === 'index' || (b === 'unique' && c === 'index')) && w[b === 'index' ? 2 : 3] === 'concurrently') return 'CREATE INDEX CONCURRENTLY';
  if (a === 'drop' && b === 'index' && c === 'concurrently') return 'DROP INDEX CONCURRENTLY';
  if (a === 'reindex' && w.includes('concurrently')) return 'REINDEX CONCURRENTLY';
  if (a === 'alter' && b === 'table' && w.includes('detach') && w.includes('concurrently')) return 'DETACH PARTITION CONCURRENTLY';
  return undefined;
}

/** The role a `CREATE ROLE|USER|GROUP name` statement creates. */
export function createdRole(statement: SqlStatement): string | undefined {
  const [a, b, name, next] = statement.words;
  if (b === 'user' && name === 'mapping' && next === 'for') return undefined; // CREATE USER MAPPING FOR …
  return a === 'create' && (b === 'role' || b === 'user' || b === 'group') && name !== undefined ? name : undefined;
}

/**
 * Whether a DO block may create a role: its body (and every string in it, where dynamic SQL is:
 * `EXECUTE 'CREATE ROLE …'`) read as SQL says CREATE ROLE, USER or GROUP. Read on the lexer's
 * words, so a comment between them hides nothing and a comment that mentions them counts for nothing.
 */
export function blockMayCreateRole(statement: SqlStatement): boolean {
  if (statement.words[0] !== 'do') return false;
  const words = wordsAtAnyDepth(statement.text);
  return words.some((word, i) => word === 'create' && (words[i + 1] === 'role' || words[i + 1] === 'group' || (words[i + 1] === 'user' && words[i + 2] !== 'mapping')));
}

/** The words of `sql`, lower-cased, with those of every string and dollar-quoted body in it (read as SQL too). */
function wordsAtAnyDepth(sql: string, depth = 0): string[] {
  const words: string[] = [];
  for (const { kind, start, end } of tokenize(sql)) {
    const text = sql.slice(start, end);
    if (kind === 'word') words.push(text.toLowerCase());
    else if (depth < 4 && kind === 'dollar') {
      const tag = text.slice(0, text.indexOf('$', 1) + 1);
      words.push(...wordsAtAnyDepth(text.slice(tag.length, text.endsWith(tag) && text.length >= 2 * tag.length ? -tag.length : undefined), depth + 1));
    } else if (depth < 4 && kind === 'string' && text.startsWith("'")) {
      words.push(...wordsAtAnyDepth(text.slice(1, -1).replaceAll("''", "'"), depth + 1));
    }
  }
  return words;
}
