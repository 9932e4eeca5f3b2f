import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSnapshot, serializeSnapshot } from '../../harness/catalog/json.js';
import { resolveCatalog } from '../../harness/vitest/matchers.js';
import { snapshotOf } from '../support/catalog.js';
import { folderWith } from '../support/folders.js';
import { testServer } from '../support/scratch.js';
import { runMain } from '../cli/run-parity.js';

describe('vitest matchers', () => {
  it('toMatchCatalog passes on equal schemas and fails with the drift report', async () => {
    const a = await snapshotOf('CREATE TABLE t (id int PRIMARY KEY, n text)');
    const same = await snapshotOf('CREATE TABLE t (id integer NOT NULL, n text, CONSTRAINT t_pkey PRIMARY KEY (id))');
    const drifted = await snapshotOf('CREATE TABLE t (id int PRIMARY KEY, n varchar(10))');
    await expect(same).toMatchCatalog(a);
    const error = await expect(drifted).toMatchCatalog(a).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).toContain('expected (snapshot) vs received (snapshot): 1 difference (1 drift, 0 cosmetic)');
    expect(error?.message).toContain('~ n: type text → character varying(10)');
    await expect(drifted).not.toMatchCatalog(a);
  });

  it('toMatchCatalog builds sources given as specs, and honours rules', async () => {
    const dir = folderWith({ 'a/001_t.sql': 'CREATE TABLE t (a int, b int);', 'b/001_t.sql': 'CREATE TABLE t (b int, a int);' });
    await expect(`legacy:${join(dir, 'b')}`).toMatchCatalog(`legacy:${join(dir, 'a')}`);
    await expect(`legacy:${join(dir, 'b')}`).not.toMatchCatalog(`legacy:${join(dir, 'a')}`, { strict: true });
    await expect(`legacy:${join(dir, 'b')}`).toMatchCatalog(`legacy:${join(dir, 'a')}`, { strict: true, columnOrder: 'ignore' });
  });

  it('names from parity.config.ts work as in the CLI (this repository: legacy, baseline, aspirational)', async () => {
    await expect('baseline').toMatchCatalog('legacy', { strict: true });
    const error = await expect('aspirational').toMatchCatalog('legacy').then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).toMatch(/^expected \(legacy\) vs received \(aspirational\): \d+ differences/);
    await expect(expect('no-such-name').toMatchCatalog('legacy')).rejects.toThrow(/"no-such-name" is neither a source spec .* nor a source name in .*parity\.config\.ts \(names: legacy, baseline, head, aspirational, production\)/);
  });

  it('toMatchCatalogSnapshot fails on a missing or stale file and rewrites it only under vitest -u', async () => {
    const dir = folderWith({ 'migrations/001_t.sql': 'CREATE TABLE t (id int);\n' });
    const file = join(dir, 'schema.snapshot.json');
    const run = (...flags: string[]) => runFixture(join(dir, 'migrations'), file, flags);

    const missing = await run();
    expect(missing.code).toBe(1);
    expect(missing.output).toContain('schema.snapshot.json does not exist: run vitest with -u to write it');
    expect(existsSync(file)).toBe(false);

    expect((await run('-u')).code).toBe(0);
    expect(parseSnapshot(readFileSync(file, 'utf8')).tables[0]?.columns.map((c) => c.name)).toEqual(['id']);
    expect((await run()).code).toBe(0);

    writeFileSync(join(dir, 'migrations', '002_n.sql'), 'ALTER TABLE t ADD COLUMN n text;\n');
    const before = readFileSync(file, 'utf8');
    const stale = await run();
    expect(stale.code).toBe(1);
    expect(stale.output).toContain('+ n text');
    expect(stale.output).toContain('run vitest with -u to update');
    expect(readFileSync(file, 'utf8')).toBe(before);

    expect((await run('-u')).code).toBe(0);
    expect(parseSnapshot(readFileSync(file, 'utf8')).tables[0]?.columns.map((c) => c.name)).toEqual(['id', 'n']);
  });

  it('under vitest -u: a file an older schema-parity wrote is rewritten (as parity refresh does), one taken on another major is left as it is', async () => {
    const dir = folderWith({ 'migrations/001_t.sql': 'CREATE TABLE t (id int);\n' });
    const file = join(dir, 'schema.snapshot.json');
    const run = (...flags: string[]) => runFixture(join(dir, 'migrations'), file, flags);
    // what the fixture's matcher builds (the same config, spec and server)
    const current = serializeSnapshot((await resolveCatalog(`legacy:${join(dir, 'migrations')}`)).snapshot);
    const old = JSON.parse(current) as Record<string, unknown>;
    for (const key of ['collations', 'compositeTypes', 'eventTriggers', 'notCompared', 'publications', 'rangeTypes', 'statistics', 'aggregates', 'operators', 'casts']) delete old[key];
    writeFileSync(file, JSON.stringify({ ...old, formatVersion: 1 }, null, 2));
    // it used to refuse under -u too, telling to run parity refresh (which writes only the config's snapshots)
    const rewritten = await run('-u');
    expect(rewritten.code, rewritten.output).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(current);

    const major = (JSON.parse(current) as { postgresMajor: number }).postgresMajor;
    const taken = current.replace(`"postgresMajor": ${major}`, `"postgresMajor": ${major - 1}`);
    writeFileSync(file, taken);
    const left = await run('-u');
    expect(left.code, left.output).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(taken);
  });

  it("toMatchCatalogSnapshot reports a drift under the config's rules, as parity check does", async () => {
    const dir = folderWith({
      'parity.config.ts': `export default { sources: { app: 'legacy:migrations' }, rules: { comments: 'ignore' } };\n`,
      'migrations/001_t.sql': 'CREATE TABLE t (id int);\n',
    });
    const env = { PARITY_DATABASE_URL: testServer().adminUrl, PARITY_NO_CACHE: '1' };
    expect((await runMain(['refresh'], { cwd: dir, env })).code).toBe(0);
    writeFileSync(join(dir, 'migrations', '002_comment.sql'), "COMMENT ON TABLE t IS 'why';\n");
    // the config ignores comments: no structural difference, so both show the files' line diff
    const checked = await runMain(['check'], { cwd: dir, env });
    expect(checked.code).toBe(1);
    expect(checked.stdout).toContain('-       "comment": null,\n+       "comment": "why",\n');
    const matched = await runFixture(join(dir, 'migrations'), join(dir, 'snapshots', 'app.snapshot.json'), [], dir);
    expect(matched.code).toBe(1);
    expect(matched.output).toContain('-       "comment": null,\n+       "comment": "why",\n');
    expect(matched.output).not.toContain('1 difference');
  });
});

const vitestBin = join(createRequire(import.meta.url).resolve('vitest/package.json'), '..', 'vitest.mjs');
const fixture = join(import.meta.dirname, '..', 'fixtures', 'matcher-project');

/** Runs the fixture project's vitest in a child process, on this run's server (url provider). */
function runFixture(migrations: string, snapshotFile: string, flags: string[], cwd?: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [vitestBin, 'run', '--root', fixture, '--config', join(fixture, 'vitest.config.ts'), ...flags],
      {
        env: { ...process.env, PARITY_DATABASE_URL: testServer().adminUrl, PARITY_FIXTURE_MIGRATIONS: migrations, PARITY_FIXTURE_SNAPSHOT: snapshotFile, CI: '' },
        timeout: 90_000,
        ...(cwd ? { cwd } : {}),
      },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? -1) : 0, output: stdout + stderr }),
    );
  });
}
