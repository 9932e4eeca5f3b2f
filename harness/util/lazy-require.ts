import { createRequire } from 'node:module';

/**
 * CommonJS packages loaded on first use, not at start: a `parity check` answered from the cache
 * never connects, restores a dump or draws a line diff, and loading pg, pg-dump-parser (with its
 * own zod) and jest-diff up front was a third of its time.
 */
export const lazyRequire = createRequire(import.meta.url);
