import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSnapshot, serializeSnapshot } from '../../harness/catalog/json.js';
import { takeSnapshot } from '../../harness/catalog/snapshot.js';
import { folderWith } from '../support/folders.js';
import { scratchDatabase, testServer } from '../support/scratch.js';
import { PARITY_BIN, runMain, runParity } from './run-parity.js';

// Builds go to the run's server through the url provider: the same code path as any user's
// PARITY_DATABASE_URL, and no extra cluster per test. (.ci/run covers the embedded default.)
const onTestServer = () => ({ PARITY_DATABASE_URL: testServer().adminUrl });

function project(migrations: Record<string, string>): string {
  return folderWith(Object.fromEntries(Object.entries(migrations).map(([name, sql]) => [join('migrations-legacy', name), sql])));
}

describe('parity CLI', () => {
  it('prints help for every command and refuses an unknown one with exit 2', async () => {
    // in this process (the real binary prints help in init.test.ts and layers.test.ts)
    for (const command of ['check', 'refresh', 'snapshot', 'diff']) {
      const run = await runMain([command, '--help']);
      expect(run.code, command).toBe(0);
      expect(run.stdout).toContain(`parity ${command}`);
    }
    const unknown = await runMain(['frobnicate']);
    expect([unknown.code, unknown.stderr]).toEqual([2, expect.stringContaining('unknown command "frobnicate"')]);
  });

  it('snapshots a live database through url: without starting a server, equal to the library snapshot', async () => {
    const db = await scratchDatabase('cli', "CREATE TYPE s AS ENUM ('a'); CREATE TABLE t (id int PRIMARY KEY, s s);");
    try {
      // a container request that could never be served: proves url: does not start anything
      const run = await runParity(['snapshot', `url:${db.url}`], { env: { PARITY_SERVER: 'container', DOCKER_HOST: 'tcp://127.0.0.1:9' } });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(serializeSnapshot(await takeSnapshot(db.client)));
    } finally {
      await db.drop();
    }
  });

  it('the real binary writes all of a large output to a pipe before it exits (a pipe takes 64 KB at a time)', async () => {
    // a snapshot of ~700 KB, read from a file: no server
    const legacy = parseSnapshot(readFileSync(join(import.meta.dirname, '..', '..', 'snapshots', 'legacy.snapshot.json'), 'utf8'));
    const tables = Array.from({ length: 25 }, (_, i) => legacy.tables.map((table) => ({ ...table, name: `${table.name}_${i}` }))).flat();
    const big = serializeSnapshot({ ...legacy, tables });
    expect(big.length).toBeGreaterThan(500_000); // and under execFile's 1 MB
    const file = join(folderWith({ 'big.snapshot.json': big }), 'big.snapshot.json');
    const run = await runParity(['snapshot', `snapshot:${file}`]);
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(run.stdout.length).toBe(big.length);
    expect(run.stdout).toBe(big);
  });

  it('a reader that goes away (parity snapshot … | head -c 10) leaves the verdict as it is: exit 0, no error', async () => {
    const legacy = parseSnapshot(readFileSync(join(import.meta.dirname, '..', '..', 'snapshots', 'legacy.snapshot.json'), 'utf8'));
    const big = serializeSnapshot({ ...legacy, tables: Array.from({ length: 25 }, (_, i) => legacy.tables.map((table) => ({ ...table, name: `${table.name}_${i}` }))).flat() });
    const file = join(folderWith({ 'big.snapshot.json': big }), 'big.snapshot.json');
    const child = spawn(process.execPath, [PARITY_BIN, 'snapshot', `snapshot:${file}`], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    // the first chunk read, then the pipe closed
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect([code, stderr]).toEqual([0, '']);
  });

  it('a reader of stderr that goes away while parity still runs (a warning written, then the build): the verdict stands', async () => {
    const dir = folderWith({ 'a/001.sql': 'CREATE TABLE a (id int);', 'not-a-folder': 'x', 'parity.config.mjs': "export default { sources: { a: 'legacy:a' } };\n" });
    // the cache's warning (it cannot be written under a file) goes to stderr before the build
    const env = { ...process.env, ...onTestServer(), PARITY_CACHE_DIR: join(dir, 'not-a-folder', 'cache') };
    const child = spawn(process.execPath, [PARITY_BIN, 'refresh'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stderr.destroy();
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect([code, stdout]).toEqual([0, 'a: created snapshots/a.snapshot.json\n']);
  });

  it('never prints the password of a url, and exits 2 when the server is not there', async () => {
    const run = await runMain(['snapshot', 'url:postgres://app:hunter2secret@127.0.0.1:1/prod']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('postgres://app:***@127.0.0.1:1/prod');
    expect(run.stdout + run.stderr).not.toContain('hunter2secret');
  });

  it('check: exit 2 without a committed snapshot, refresh writes it, then check is 0, drift is 1', async () => {
    const dir = project({
      '001_init.sql': 'CREATE TABLE accounts (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), email text NOT NULL);\n',
      '002_name.sql': 'ALTER TABLE accounts ADD COLUMN name text;\n',
    });
    const missing = await runMain(['check'], { cwd: dir, env: onTestServer() });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/snapshots\/legacy\.snapshot\.json does not exist: run "parity refresh"/);

    const refresh = await runMain(['refresh'], { cwd: dir, env: onTestServer() });
    expect([refresh.code, refresh.stdout]).toEqual([0, 'legacy: created snapshots/legacy.snapshot.json\n']);
    const written = parseSnapshot(readFileSync(join(dir, 'snapshots', 'legacy.snapshot.json'), 'utf8'));
    expect(written.tables[0]?.columns.map((c) => c.name)).toEqual(['id', 'email', 'name']);

    const equal = await runMain(['check'], { cwd: dir, env: onTestServer() });
    expect([equal.code, equal.stdout]).toEqual([0, 'verdict:\n  ✓ legacy = snapshots/legacy.snapshot.json\n']);

    writeFileSync(join(dir, 'migrations-legacy', '003_drop_default.sql'), 'ALTER TABLE accounts ALTER COLUMN id DROP DEFAULT;\n');
    const drift = await runMain(['check'], { cwd: dir, env: onTestServer() });
    expect(drift.code).toBe(1);
    expect(drift.stdout).toContain('legacy: DRIFT from snapshots/legacy.snapshot.json');
    expect(drift.stdout).toContain('verdict:\n  ✗ legacy ≠ snapshots/legacy.snapshot.json\n');
    expect(drift.stdout).toContain('public.accounts\n  columns\n    ~ id: default gen_random_uuid() → (none)\n');
    expect(drift.stdout).toContain('parity refresh');
  });

  it('a failing migration is an error (exit 2) naming source, file, line and column', async () => {
    const dir = project({
      '001_init.sql': 'CREATE TABLE a (id int);\n',
      '002_bad.sql': '-- oops\nALTER TABLE a\n  ADD COLUMN b integr;\n',
    });
    const run = await runMain(['snapshot', 'legacy:migrations-legacy'], { cwd: dir, env: onTestServer() });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('parity snapshot: building source "legacy" (legacy:migrations-legacy): 002_bad.sql:3:16: type "integr" does not exist [42704]\n');
    expect(run.stdout).toBe('');
  });

  it('snapshot -o writes the file; a bad source spec is exit 2 with the accepted forms', async () => {
    const dir = project({ '001_init.sql': 'CREATE TABLE a (id int);\n' });
    const written = await runMain(['snapshot', 'legacy:migrations-legacy', '-o', 'out/a.json'], { cwd: dir, env: onTestServer() });
    expect([written.code, written.stdout]).toEqual([0, '']);
    expect(parseSnapshot(readFileSync(join(dir, 'out', 'a.json'), 'utf8')).tables.map((t) => t.name)).toEqual(['a']);
    const bad = await runMain(['snapshot', 'nonsense'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/legacy:<dir>/);
  });

  it('diff: exit 0 when equal, 1 on drift, cosmetic only fails with --strict; text, markdown and json', async () => {
    const dir = project({ '001_init.sql': 'CREATE TABLE a (id int PRIMARY KEY, b text);\n', '002_comment.sql': "COMMENT ON TABLE a IS 'the a';\n" });
    const env = onTestServer();
    const same = await runMain(['diff', 'legacy:migrations-legacy', 'legacy:migrations-legacy'], { cwd: dir, env });
    expect([same.code, same.stdout]).toEqual([0, 'legacy:migrations-legacy and legacy:migrations-legacy: equal\n']);

    const cosmetic = await runMain(['diff', 'legacy:migrations-legacy@1', 'legacy:migrations-legacy'], { cwd: dir, env });
    expect(cosmetic.code).toBe(0);
    expect(cosmetic.stdout).toContain('~ comment (none) → the a (cosmetic: a comment)');
    const strict = await runMain(['diff', 'legacy:migrations-legacy@1', 'legacy:migrations-legacy', '--strict'], { cwd: dir, env });
    expect(strict.code).toBe(1);

    writeFileSync(join(dir, 'migrations-legacy', '003_drop.sql'), 'ALTER TABLE a DROP COLUMN b;\n');
    const json = await runMain(['diff', 'legacy:migrations-legacy@2', 'legacy:migrations-legacy', '--format', 'json'], { cwd: dir, env });
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout);
    expect([report.formatVersion, report.verdict, report.counts]).toEqual([1, 'drift', { drift: 1, cosmetic: 0 }]);
    expect(report.differences.map((d: { kind: string; object: string; path: string }) => `${d.kind} ${d.object} ${d.path}`)).toEqual(['missing column public.a.b']);

    const markdown = await runMain(['diff', 'legacy:migrations-legacy@2', 'legacy:migrations-legacy', '--format', 'markdown'], { cwd: dir, env });
    expect(markdown.code).toBe(1);
    expect(markdown.stdout).toContain('| column | 1 | 0 | 0 |');
    expect(markdown.stdout).toContain('- b text  (only in legacy:migrations-legacy@2)');

    const badFormat = await runMain(['diff', 'legacy:migrations-legacy', 'legacy:migrations-legacy', '--format', 'html'], { cwd: dir, env });
    expect([badFormat.code, badFormat.stderr]).toEqual([2, 'parity diff: --format html: expected one of text, markdown, json, junit\n']);
  });
});
