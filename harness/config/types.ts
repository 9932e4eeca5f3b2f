import type { IgnoreRules } from '../catalog/snapshot.js';
import type { CompareRules } from '../compare/types.js';

/** `parity.config.ts` (or .mts/.js/.mjs) at the project root: `export default { … } satisfies ParityConfig`. */
export interface ParityConfig {
  /** Named sources, usable wherever a source is: `parity diff legacy baseline`. */
  sources: Record<string, string>;
  /** Sources whose reviewed snapshot is committed as `<snapshotDir>/<name>.snapshot.json` (default: all). */
  snapshots?: string[];
  /** Groups of sources that must be structurally equal (each member is compared with the first). */
  equal?: string[][];
  /** Where committed snapshots live (default `snapshots`). */
  snapshotDir?: string;
  /** Comparison rules (see the README's rules table). */
  rules?: Partial<CompareRules>;
  /** What snapshots leave out, besides system schemas and extension objects. */
  ignore?: IgnoreRules;
  /** Provider-owned schemas `parity dump` and dump restores leave out (default: extensions, auth, storage, …). */
  dumpExcludeSchemas?: string[];
  /** Objects of kinds schema-parity does not compare fail diff/check/snapshot (exit 2) instead of a warning (`--strict-coverage`). */
  strictCoverage?: boolean;
  /** The named drizzle source that is the baseline `parity adopt` marks as applied. */
  baseline?: string;
  /** The PostgreSQL the `parity` commands build on: `major` 14–18 (PARITY_PG_MAJOR, when set, wins; vitest runs read only that). */
  postgres?: { major?: number };
  /**
   * What the host provides before any migration runs, run on every database before its source
   * is built and left out of every snapshot: `.sql` files (from the config's folder) or presets
   * (`preset:supabase`).
   */
  setup?: string[];
  /** The committed file of accepted differences (default `parity.accepted.json`; `parity accept` writes it). */
  accepted?: string;
}

export function defineConfig(config: ParityConfig): ParityConfig {
  return config;
}
