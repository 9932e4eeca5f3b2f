import { relative, resolve } from 'node:path';
import { expect, inject } from 'vitest';
import { writeSnapshotFile, writtenByOlder } from '../catalog/json.js';
import type { Snapshot } from '../catalog/model.js';
import { SnapshotCache } from '../cache/snapshot-cache.js';
import { snapshotOfSource } from '../source-snapshot/of-source.js';
import { committedVerdict, driftReport, majorNote, matches } from '../committed/verdict.js';
import { compare } from '../compare/compare.js';
import { rateDefaults } from '../evaluate/rate-defaults.js';
import { textReport } from '../compare/report-text.js';
import { fails, wantsPrivileges, type CompareRules } from '../compare/types.js';
import { attachServer } from '../server/attach.js';
import { loadConfig, type LoadedConfig } from '../config/load.js';
import { resolveSource } from '../config/resolve.js';
import { resolveSetup } from '../setup/setup.js';
import type { Source } from '../sources/source.js';

/** A snapshot, a source, or a source spec (`legacy:migrations-legacy`, `url:…`). */
export type CatalogLike = Snapshot | Source | string;

export interface CatalogMatchers<R = unknown> {
  /** Structural equality under the comparison rules; the failure message is the drift report. */
  toMatchCatalog(expected: CatalogLike, rules?: Partial<CompareRules> & { strict?: boolean }): Promise<R>;
  /** Equal to a committed snapshot file; `vitest -u` rewrites it, nothing else does. */
  toMatchCatalogSnapshot(file: string, rules?: Partial<CompareRules>): Promise<R>;
}

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Matchers<T = any> extends CatalogMatchers<T> {}
}

/**
 * Snapshot of anything catalog-like; sources are built on the run's server (the globalSetup's).
 * A string is resolved as the CLI resolves it: a name from the project's parity.config.ts (found
 * upward from the working folder) or a spec, with the config's ignore lists and host setup.
 */
export async function resolveCatalog(value: CatalogLike, options: { privileges?: boolean } = {}): Promise<{ snapshot: Snapshot; label: string; source?: Source }> {
  if (typeof value === 'object' && 'formatVersion' in value) return { snapshot: value, label: 'snapshot' };
  const config = typeof value === 'string' ? await projectConfig() : undefined;
  const source = typeof value === 'string' ? resolveSource(value, config!) : value;
  const setup = config?.setup ? resolveSetup(config.setup.map((f) => (f.startsWith('preset:') ? f : resolve(config.root, f))), config.root) : undefined;
  const snapshot = await snapshotOfSource(source, async () => runServer(), {
    ...(config?.ignore ? { ignore: config.ignore } : {}),
    ...(setup ? { setup } : {}),
    ...(options.privileges ? { privileges: true } : {}),
    ...(await diskCache()),
  });
  return { snapshot, label: source.kind === 'url' || source.kind === 'snapshot' ? source.spec : source.label, source };
}

let loadedConfig: Promise<LoadedConfig> | undefined;
/** The project's config, read once per test worker (the convention when there is none). */
const projectConfig = () => (loadedConfig ??= loadConfig());

const runServer = () => attachServer(inject('parityServer'));

/**
 * The project's snapshot cache, as the CLI's (`.parity-cache/snapshots/` beside its config, or
 * PARITY_CACHE_DIR; none with PARITY_NO_CACHE=1), for the major of the run's server: a source
 * whose inputs did not change since any run, the CLI's or vitest's, is not built again.
 */
async function diskCache(): Promise<{ cache?: SnapshotCache; major?: number }> {
  const cache = SnapshotCache.forProject((await projectConfig()).root);
  return cache ? { cache, major: runServer().major } : {};
}

interface SnapshotStateLike {
  snapshotUpdateState?: 'all' | 'new' | 'none';
}

expect.extend({
  async toMatchCatalog(received: CatalogLike, expected: CatalogLike, given: Partial<CompareRules> & { strict?: boolean } = {}) {
    // the config's rules, as the CLI applies them; what the test passes wins
    const rules = { ...(await projectConfig()).rules, ...given };
    // privileges and owners are read only when a rule compares them
    const a = await resolveCatalog(expected, { privileges: wantsPrivileges(rules) });
    const b = await resolveCatalog(received, { privileges: wantsPrivileges(rules) });
    const comparison = await rateDefaults(compare(a.snapshot, b.snapshot, rules), b.snapshot, [a.source, b.source], async () => runServer(), rules.equivalentDefaults);
    const pass = !fails(comparison, rules.strict);
    return {
      pass,
      message: () => (pass ? `expected ${b.label} to differ from ${a.label}, but they are equal` : textReport(comparison, { a: `expected (${a.label})`, b: `received (${b.label})` })),
    };
  },

  async toMatchCatalogSnapshot(received: CatalogLike, file: string, given: Partial<CompareRules> = {}) {
    const shown = relative(process.cwd(), file);
    // the config's rules shape the drift report, as in parity check; what the test passes wins
    const rules = { ...(await projectConfig()).rules, ...given };
    const actual = await resolveCatalog(received, { privileges: wantsPrivileges(rules) });
    // vitest's own snapshot mode: "all" only under -u / --update
    const update = (this as unknown as { snapshotState?: SnapshotStateLike }).snapshotState?.snapshotUpdateState === 'all';
    const verdict = committedVerdict(file, actual.snapshot, rules);
    if (matches(verdict)) return { pass: true, message: () => `${actual.label} matches ${shown}${majorNote(verdict)}` };
    if (update) {
      writeSnapshotFile(file, actual.snapshot);
      const done = verdict.kind === 'missing' ? 'wrote' : verdict.kind === 'outdated' ? 'rewrote' : 'updated';
      return { pass: true, message: () => `${done} ${shown}` };
    }
    if (verdict.kind === 'missing') return { pass: false, message: () => `${shown} does not exist: run vitest with -u to write it, then review and commit it` };
    // vitest -u is this file's writer (parity refresh writes only the config's snapshots)
    if (verdict.kind === 'outdated') return { pass: false, message: () => `${shown}: ${writtenByOlder(verdict.formatVersion)}: run vitest with -u to rewrite it, review the result and commit it.` };
    // a committed snapshot is matched byte for byte; the report shows what differs
    const report = driftReport(verdict, actual.snapshot, { a: shown, b: actual.label }, false);
    return {
      pass: false,
      message: () => `${report}\n\nIf the change is intended and reviewed, run vitest with -u to update ${shown}.`,
    };
  },
});
