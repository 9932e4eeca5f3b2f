import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../harness/server/index.js';
import type { PostgresServer } from '../../harness/server/types.js';
import { runMain } from '../cli/run-parity.js';
import { buildProdStandin } from '../fixtures/prod-standin/build.js';
import { folderWith } from '../support/folders.js';

const ROOT = join(import.meta.dirname, '..', '..');
// the commands run in this process (runMain): they check reports, files and exit codes, and the CLI
// starts and stops the embedded server of the major it follows the same way as a process of its own

describe("production's major, followed", () => {
  // production runs 14: the pg_dump 15 here can dump it (a pg_dump of 17 or 18 is not installable on this Debian)
  let production: PostgresServer;
  let url: string;
  beforeAll(async () => {
    production = await startServer({ provider: 'embedded', major: 14 });
    url = (await buildProdStandin(production)).url;
  }, 180_000);
  afterAll(async () => {
    await production?.stop();
  });

  it('parity nightly against a production on 14: dumps it, builds legacy and baseline on 14, and proves them equal', async () => {
    const out = folderWith({});
    const run = await runMain(['nightly'], { cwd: ROOT, env: { PROD_DATABASE_URL: url, NIGHTLY_OUT: out, PARITY_PG_MAJOR: undefined, GITHUB_STEP_SUMMARY: undefined } });
    expect(run.stderr).toMatch(/production runs PostgreSQL 14: building on PostgreSQL 14, not 15 \(PARITY_PG_MAJOR would force one\)/);
    expect(run.stdout).toContain('verdict:\n  ✓ legacy = production (fresh dump)\n  ✓ baseline = production (fresh dump)\n');
    expect(run.code).toBe(0);
    expect(readFileSync(join(out, 'production.sql'), 'utf8')).toMatch(/^-- Dumped from database version 14$/m);
  });

  it('parity dump of a production on another major writes it (no more stopping), saying the major', async () => {
    const file = join(folderWith({}), 'prod.sql');
    const run = await runMain(['dump', '--url', url, '-o', file], { cwd: ROOT, env: { PARITY_PG_MAJOR: undefined } });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^wrote .*prod\.sql \(\d+ lines, from PostgreSQL 14\)$/m);
  });

  it('a dump: source whose header says 17 is built, with everything it is compared with, on 17; PARITY_PG_MAJOR=15 forces 15', async () => {
    const dump = join(folderWith({}), 'prod17.sql');
    writeFileSync(dump, readFileSync(join(ROOT, 'snapshots', 'production.sql'), 'utf8').replace(/^-- Dumped from database version 15$/m, '-- Dumped from database version 17'));
    const followed = await runMain(['diff', 'legacy', `dump:${dump}`], { cwd: ROOT, env: { PARITY_PG_MAJOR: undefined } });
    expect(followed.stderr).toMatch(/prod17\.sql was dumped from PostgreSQL 17: building on PostgreSQL 17, not 15/);
    expect(followed.stdout).toMatch(/^legacy and dump:.*prod17\.sql: equal$/m);
    expect(followed.code).toBe(0);
    const forced = await runMain(['diff', 'legacy', `dump:${dump}`], { cwd: ROOT, env: { PARITY_PG_MAJOR: '15' } });
    expect(forced.code).toBe(2);
    expect(forced.stderr).toMatch(/prod17\.sql was dumped from PostgreSQL 17; this server is 15, which cannot restore it\. Set PARITY_PG_MAJOR=17/);
  });
});
