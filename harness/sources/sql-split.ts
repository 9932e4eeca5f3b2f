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
