import type Pg from 'pg';
import { lazyRequire } from '../util/lazy-require.js';

let loaded: typeof Pg | undefined;

/** The pg module, loaded on first use (see util/lazy-require.ts). */
export function pgModule(): typeof Pg {
  return (loaded ??= loadPg());
}

/**
 * pg asks, as it loads, whether it runs in a Cloudflare Worker: by `navigator.userAgent`, and where
 * Node has no `navigator` (20) by building a fetch Response, which loads all of Node's fetch — ~20
 * ms of a command's start. So there, for that one synchronous require, globalThis has the
 * `navigator` Node 21+ has (its userAgent answers "no"); it is removed right after.
 */
function loadPg(): typeof Pg {
  if ('navigator' in globalThis) return lazyRequire('pg') as typeof Pg;
  const major = process.versions.node.split('.')[0];
  Object.defineProperty(globalThis, 'navigator', { value: { userAgent: `Node.js/${major}` }, configurable: true, writable: true });
  try {
    return lazyRequire('pg') as typeof Pg;
  } finally {
    delete (globalThis as { navigator?: unknown }).navigator;
  }
}

/** pg's own quoting of an identifier ("a""b"), for the names the harness itself makes. */
export function escapeIdentifier(name: string): string {
  return pgModule().escapeIdentifier(name);
}

/** pg's own quoting of a literal. */
export function escapeLiteral(text: string): string {
  return pgModule().escapeLiteral(text);
}
