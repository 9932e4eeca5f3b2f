import type pg from 'pg';
import type { Snapshot } from '../catalog/model.js';
import type { Comparison, Difference, RuleLevel } from './types.js';

/**
 * Asks the server whether two column defaults that print differently (`now()` and
 * `CURRENT_TIMESTAMP`, `0` and `'0'::numeric`) are the same: both are evaluated as the column's
 * type, twice, in one read-only transaction, with time passing in between. Only equal results
 * both times count: `now()` vs `statement_timestamp()` or `clock_timestamp()` differ, anything
 * that errors (an unknown type, nextval in a read-only transaction) stays a difference. Equal
 * pairs are re-rated under `level` (default: cosmetic).
 */
export async function rateEquivalentDefaults(
  comparison: Comparison,
  b: Snapshot,
  client: pg.ClientBase,
  level: RuleLevel = 'cosmetic',
): Promise<Comparison> {
  const candidates = comparison.differences.filter((d) => d.object === 'column' && d.property === 'default' && typeof d.a === 'string' && typeof d.b === 'string');
  if (candidates.length === 0 || level === 'drift') return comparison;
  const equal = new Set<Difference>();
  for (const d of candidates) {
    const type = columnType(b, d.path);
    if (type && (await sameValue(client, d.a as string, d.b as string, type))) equal.add(d);
  }
  const differences = comparison.differences.flatMap((d): Difference[] => {
    if (!equal.has(d)) return [d];
    if (level === 'ignore') return [];
    return [{ ...d, severity: 'cosmetic', note: 'the server evaluates both to the same value' }];
  });
  return { ...comparison, differences };
}

function columnType(snapshot: Snapshot, path: string): string | undefined {
  for (const t of snapshot.tables) {
    const prefix = `${t.schema}.${t.name}.`;
    if (!path.startsWith(prefix)) continue;
    const column = t.columns.find((c) => c.name === path.slice(prefix.length));
    if (column) return column.type;
  }
  return undefined;
}

async function sameValue(client: pg.ClientBase, a: string, b: string, type: string): Promise<boolean> {
  // the expressions come from pg_get_expr of our own snapshots, and run read-only
  const probe = `SELECT ((${a})::${type} IS NOT DISTINCT FROM (${b})::${type}) AS same`;
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    await client.query('SET LOCAL search_path = pg_catalog');
    const first = await client.query<{ same: boolean }>(probe);
    await client.query('SELECT pg_sleep(0.002)');
    const second = await client.query<{ same: boolean }>(probe);
    return first.rows[0]?.same === true && second.rows[0]?.same === true;
  } catch {
    return false;
  } finally {
    await client.query('ROLLBACK').catch(() => {});
  }
}
