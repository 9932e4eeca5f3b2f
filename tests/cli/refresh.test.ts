import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SNAPSHOT_FORMAT_VERSION } from '../../harness/catalog/model.js';
import { folderWith } from '../support/folders.js';
import { testServer } from '../support/scratch.js';
import { runMain } from './run-parity.js';

// the snapshot cache on, as for users: each test's folder is new, so only an unchanged source is read from it
const onTestServer = () => ({ PARITY_DATABASE_URL: testServer().adminUrl });

/** A project with two legacy chains, `app` and `audit`, named in parity.config.ts. */
function twoChainProject(): string {
  return folderWith({
    'parity.config.ts': `export default { sources: { app: 'legacy:app', audit: 'legacy:audit' } };\n`,
    'app/001_init.sql': 'CREATE TABLE accounts (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), email text NOT NULL);\n',
    'audit/001_init.sql': 'CREATE TABLE events (id bigint PRIMARY KEY, at timestamptz NOT NULL DEFAULT now());\n',
  });
}

describe('parity refresh', () => {
  it('says per snapshot whether it was created, changed (and what changed) or unchanged', async () => {
    const dir = twoChainProject();
    const first = await runMain(['refresh'], { cwd: dir, env: onTestServer() });
    expect([first.code, first.stdout]).toEqual([0, 'app: created snapshots/app.snapshot.json\naudit: created snapshots/audit.snapshot.json\n']);

    writeFileSync(join(dir, 'app', '002_name.sql'), 'ALTER TABLE accounts ADD COLUMN name text;\n');
    const second = await runMain(['refresh'], { cwd: dir, env: onTestServer() });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/^app: changed snapshots\/app\.snapshot\.json\n/);
    expect(second.stdout).toContain('public.accounts\n  columns\n    + name text  (only in app (now))\n');
    expect(second.stdout).toMatch(/\naudit: unchanged snapshots\/audit\.snapshot\.json\n$/);
    expect(readFileSync(join(dir, 'snapshots', 'app.snapshot.json'), 'utf8')).toContain('"name": "name"');

    const third = await runMain(['refresh'], { cwd: dir, env: onTestServer() });
    expect(third.stdout).toBe('app: unchanged snapshots/app.snapshot.json\naudit: unchanged snapshots/audit.snapshot.json\n');
  });

  it('a snapshot of an older format: check says to refresh, refresh rewrites it and check passes', async () => {
    const dir = twoChainProject();
    expect((await runMain(['refresh'], { cwd: dir, env: onTestServer() })).code).toBe(0);
    const file = join(dir, 'snapshots', 'app.snapshot.json');
    const current = readFileSync(file, 'utf8');
    // what version 1 wrote: none of the kinds version 2 added
    const old = JSON.parse(current) as Record<string, unknown>;
    for (const key of ['collations', 'compositeTypes', 'eventTriggers', 'notCompared', 'publications', 'rangeTypes', 'statistics', 'aggregates', 'operators', 'casts']) delete old[key];
    writeFileSync(file, JSON.stringify({ ...old, formatVersion: 1 }, null, 2));

    const refused = await runMain(['check'], { cwd: dir, env: onTestServer() });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      `parity check: ${file}: written by an older schema-parity (snapshot format version 1; this one reads version ${SNAPSHOT_FORMAT_VERSION}, which compares more object kinds): run "parity refresh" to rewrite it, review the result and commit it.\n`,
    );
    const refresh = await runMain(['refresh'], { cwd: dir, env: onTestServer() });
    expect([refresh.code, refresh.stdout]).toEqual([
      0,
      `app: rewrote snapshots/app.snapshot.json (format version 1 → ${SNAPSHOT_FORMAT_VERSION}, written by an older schema-parity)\naudit: unchanged snapshots/audit.snapshot.json\n`,
    ]);
    expect(readFileSync(file, 'utf8')).toBe(current);
    expect((await runMain(['check'], { cwd: dir, env: onTestServer() })).code).toBe(0);
  });

  it('a failed build writes nothing, not even the snapshots of sources built before it', async () => {
    const dir = twoChainProject();
    expect((await runMain(['refresh'], { cwd: dir, env: onTestServer() })).code).toBe(0);
    const before = readFileSync(join(dir, 'snapshots', 'app.snapshot.json'), 'utf8');
    writeFileSync(join(dir, 'app', '002_name.sql'), 'ALTER TABLE accounts ADD COLUMN name text;\n');
    writeFileSync(join(dir, 'audit', '002_bad.sql'), 'ALTER TABLE events ADD COLUMN kind txet;\n');
    const run = await runMain(['refresh'], { cwd: dir, env: onTestServer() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('building source "audit" (legacy:audit): 002_bad.sql:1:36: type "txet" does not exist [42704]');
    expect(run.stdout).toBe('');
    expect(readFileSync(join(dir, 'snapshots', 'app.snapshot.json'), 'utf8')).toBe(before);
  });

  it('--dump needs exactly one dump: source and says so', async () => {
    const run = await runMain(['refresh', '--dump'], { cwd: twoChainProject(), env: { ...onTestServer(), PROD_DATABASE_URL: 'postgres://ro:Secr3t@127.0.0.1:1/prod' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--dump refreshes the file of the config's one dump: source, but .*parity\.config\.ts has none: run "parity dump -o <file>"/);
  });
});
