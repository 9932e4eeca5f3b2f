import type Pg from 'pg';
import { lazyRequire } from '../util/lazy-require.js';

/** The pg module, loaded on first use (see util/lazy-require.ts). */
export function pgModule(): typeof Pg {
  return lazyRequire('pg') as typeof Pg;
}

/** pg's own quoting of an identifier ("a""b"), for the names the harness itself makes. */
export function escapeIdentifier(name: string): string {
  return pgModule().escapeIdentifier(name);
}

/** pg's own quoting of a literal. */
export function escapeLiteral(text: string): string {
  return pgModule().escapeLiteral(text);
}
