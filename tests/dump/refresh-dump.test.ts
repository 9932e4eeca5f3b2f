import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropDatabase } from '../../harness/server/databases.js';
import { runMain } from '../cli/run-parity.js';
import { buildProdStandin } from '../fixtures/prod-standin/build.js';
import { folderWith } from '../support/folders.js';
import { testServer } from '../support/scratch.js';

const ROOT = join(import.meta.dirname, '..', '..');
const COMMITTED_DUMP = readFileSync(join(ROOT, 'snapshots', 'production.sql'), 'utf8');

/** A project like this one: the legacy chain and production's dump, both with committed snapshots. */
function project(extra: Record<string, string> = {}, extraSources = ''): string {
  return folderWith({
    'parity.config.ts': `export default { sources: { legacy: 'legacy:${join(ROOT, 'migrations-legacy')}', production: 'dump:snapshots/production.sql'${extraSources} } };\n`,
    ...extra,
  });
}

describe('parity refresh --dump: a fresh production dump, then every snapshot', () => {
  const server = testServer();
  let standin: { name: string; url: string };
  let drifted: { name: string; url: string };
  beforeAll(async () => {
    standin = await buildProdStandin(server, { label: 'prod for refresh' });
    drifted = await buildProdStandin(server, { label: 'prod drifted for refresh', drift: 'ALTER TABLE requests DROP CONSTRAINT requests_request_id_key' });
  });
  afterAll(async () => {
    if (standin) await dropDatabase(server, standin.name);
    if (drifted) await dropDatabase(server, drifted.name);
  });
  const env = (prod: string) => ({ PARITY_DATABASE_URL: server.adminUrl, PARITY_NO_CACHE: '1', PROD_DATABASE_URL: prod });

  it('writes the dump, then the snapshots; after production changed, says what changed', async () => {
    const dir = project();
    const first = await runMain(['refresh', '--dump'], { cwd: dir, env: env(standin.url) });
    expect(first.code, first.stderr).toBe(0);
    expect(readFileSync(join(dir, 'snapshots', 'production.sql'), 'utf8')).toBe(COMMITTED_DUMP);
    expect(first.stdout).toMatch(/^wrote .*snapshots\/production\.sql \(\d+ lines, from PostgreSQL 15\)\nlegacy: created snapshots\/legacy\.snapshot\.json\nproduction: created snapshots\/production\.snapshot\.json\n$/);

    const second = await runMain(['refresh', '--dump'], { cwd: dir, env: env(drifted.url) });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('legacy: unchanged snapshots/legacy.snapshot.json\n');
    expect(second.stdout).toContain('production: changed snapshots/production.snapshot.json\n');
    expect(second.stdout).toContain('requests_request_id_key');
    expect(readFileSync(join(dir, 'snapshots', 'production.sql'), 'utf8')).not.toContain('requests_request_id_key');
  });

  it('puts the old dump back when a build after the dump fails, and when the dump itself fails', async () => {
    const dir = project({ 'broken/001_bad.sql': 'CREATE TABLE t (id integr);\n', 'snapshots/production.sql': COMMITTED_DUMP }, `, broken: 'legacy:broken'`);
    const failedBuild = await runMain(['refresh', '--dump'], { cwd: dir, env: env(drifted.url) });
    expect(failedBuild.code).toBe(2);
    expect(failedBuild.stderr).toContain('building source "broken" (legacy:broken): 001_bad.sql:1:20: type "integr" does not exist');
    expect(readFileSync(join(dir, 'snapshots', 'production.sql'), 'utf8')).toBe(COMMITTED_DUMP);

    const wrong = new URL(standin.url);
    wrong.password = 'Wr0ngButSecret';
    const failedDump = await runMain(['refresh', '--dump'], { cwd: dir, env: env(wrong.toString()) });
    expect(failedDump.code).toBe(2);
    expect(failedDump.stdout + failedDump.stderr).not.toContain('Wr0ngButSecret');
    expect(readFileSync(join(dir, 'snapshots', 'production.sql'), 'utf8')).toBe(COMMITTED_DUMP);
  });

  it('without --dump the dump file is never touched', async () => {
    const dir = project({ 'snapshots/production.sql': COMMITTED_DUMP });
    writeFileSync(join(dir, 'snapshots', 'production.sql'), COMMITTED_DUMP);
    const run = await runMain(['refresh'], { cwd: dir, env: env(drifted.url) });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).not.toContain('wrote');
    expect(readFileSync(join(dir, 'snapshots', 'production.sql'), 'utf8')).toBe(COMMITTED_DUMP);
  });
});
