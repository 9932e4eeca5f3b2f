import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['harness/vitest/global-setup.ts'],
    // toMatchCatalog / toMatchCatalogSnapshot
    setupFiles: ['harness/vitest/matchers.ts', 'tests/support/per-file.ts'],
    // Builds hit a real server: give them time, and keep workers few on small machines.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // forks (not threads): the in-process CLI tests chdir, which a worker thread cannot.
    pool: 'forks',
    maxWorkers: 2,
    // One process per worker for all its files, not one per file: a fresh process re-imports
    // vitest, the matchers and the harness for each of the 80 files (~1 s of CPU each, half the
    // suite's time on 2 cores). Tests restore what they change (env, cwd, signal handlers).
    isolate: false,
    // The transformed test and harness modules are kept in node_modules/ between runs (keyed on
    // each file's content and the config; there are no plugins whose options it could miss):
    // a run after a change transforms only what changed (~1 s of CPU instead of ~5).
    experimental: { fsModuleCache: true },
  },
});
