import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['harness/vitest/global-setup.ts'],
    // toMatchCatalog / toMatchCatalogSnapshot
    setupFiles: ['harness/vitest/matchers.ts'],
    // Builds hit a real server: give them time, and keep workers few on small machines.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
