import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain } from '../cli/run-parity.js';
import { folderWith } from '../support/folders.js';
import { testServer } from '../support/scratch.js';

// builds go to the run's server through the url provider, as tests/cli/cli.test.ts does; the
// snapshot cache is on, as for users (in each test's own folder): a test's first run builds, the
// runs after it that only change the report's format or flags take the snapshots from it
const onTestServer = () => ({ PARITY_DATABASE_URL: testServer().adminUrl });

function project(): string {
  return folderWith({
    'db/001_create_items.sql': '-- 001: items\nCREATE TABLE items (\n  id int PRIMARY KEY\n);\n',
    'db/002_create_other.sql': 'CREATE TABLE other (id int);\n',
    'db/003_items_qty.sql': '-- 003: a quantity\nALTER TABLE items ADD COLUMN qty int;\n',
    'db/004_items_qty_index.sql': 'CREATE TABLE unrelated (x int);\n\nCREATE INDEX items_qty_idx ON items (qty);\n',
    'db/005_items_qty_bigint.sql': '-- 005: quantities grow\n-- no data yet\nALTER TABLE items ALTER COLUMN qty TYPE bigint;\n',
    'db/006_drop_items_qty_index.sql': '-- 006\nDROP INDEX items_qty_idx;\n',
  });
}

describe('parity blame', () => {
  it("prints each object's history, and exits 2 naming a path the chain never had", async () => {
    const dir = project();
    const run = await runMain(['blame', 'legacy:db', 'public.items.qty', 'public.items#items_qty_idx'], { cwd: dir, env: onTestServer() });
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toBe(
      [
        'public.items.qty:',
        '  created at 003_items_qty.sql:2',
        '  altered at 005_items_qty_bigint.sql:3 (type)',
        'public.items#items_qty_idx:',
        '  created at 004_items_qty_index.sql:3',
        '  dropped at 006_drop_items_qty_index.sql:2',
        '',
      ].join('\n'),
    );
    const unknown = await runMain(['blame', 'legacy:db', 'public.itemz'], { cwd: dir, env: onTestServer() });
    expect([unknown.code, unknown.stdout, unknown.stderr]).toEqual([2, '', 'parity blame: public.itemz: not created anywhere in legacy:db (check the path: parity diff or parity snapshot shows the objects\' paths)\n']);
    const notAChain = await runMain(['blame', 'dump:x.sql', 'public.items'], { cwd: dir, env: onTestServer() });
    expect([notAChain.code, notAChain.stderr]).toEqual([2, 'parity blame: dump:x.sql: blame needs a migration folder (legacy:<dir> or drizzle:<dir>); a dump: source has no history\n']);
  });

  it('diff --blame with no migration folder on either side: a warning says so; the verdict is the diff\'s', async () => {
    const snapshot = join(import.meta.dirname, '..', '..', 'snapshots', 'legacy.snapshot.json');
    const run = await runMain(['diff', `snapshot:${snapshot}`, `snapshot:${snapshot}`, '--blame']);
    expect([run.code, run.stdout]).toEqual([0, `snapshot:${snapshot} and snapshot:${snapshot}: equal\n`]);
    expect(run.stderr).toBe(`parity diff: --blame: neither snapshot:${snapshot} nor snapshot:${snapshot} is a migration folder (legacy:, drizzle:): no difference names a migration\n`);
  });

  it('diff --blame: every difference says which unit introduced it, in text and json; without --blame nothing does', async () => {
    const dir = project();
    const text = await runMain(['diff', 'legacy:db@3', 'legacy:db', '--blame'], { cwd: dir, env: onTestServer() });
    expect([text.code, text.stderr]).toEqual([1, '']);
    expect(text.stdout).toBe(
      [
        'legacy:db@3 vs legacy:db: 2 differences (2 drift, 0 cosmetic)',
        '',
        'Tables only in legacy:db:',
        '  + public.unrelated (x)  (introduced by 004_items_qty_index.sql:1)',
        '',
        'public.items',
        '  columns',
        '    ~ qty: type integer → bigint  (introduced by 005_items_qty_bigint.sql:3)',
        '        ↳ ALTER TABLE public.items ALTER COLUMN qty TYPE integer;',
        '',
      ].join('\n'),
    );
    const json = await runMain(['diff', 'legacy:db@3', 'legacy:db', '--blame', '--format', 'json'], { cwd: dir, env: onTestServer() });
    expect(JSON.parse(json.stdout).differences.map((d: { path: string; blame?: unknown }) => [d.path, d.blame])).toEqual([
      ['public.unrelated', { file: '004_items_qty_index.sql', line: 1 }],
      ['public.items.qty', { file: '005_items_qty_bigint.sql', line: 3 }],
    ]);
    const markdown = await runMain(['diff', 'legacy:db@3', 'legacy:db', '--blame', '--format', 'markdown'], { cwd: dir, env: onTestServer() });
    expect(markdown.stdout).toContain('\n    ~ qty: type integer → bigint  (introduced by 005_items_qty_bigint.sql:3)\n');
    const plain = await runMain(['diff', 'legacy:db@3', 'legacy:db', '--format', 'json'], { cwd: dir, env: onTestServer() });
    expect(JSON.parse(plain.stdout).differences.map((d: { blame?: unknown }) => d.blame)).toEqual([undefined, undefined]);
  });

  it('in GitHub Actions, diff --blame annotates the migration line of each difference (errors for drift)', async () => {
    const dir = project();
    const run = await runMain(['diff', 'legacy:db@3', 'legacy:db', '--blame'], { cwd: dir, env: { ...onTestServer(), GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: dir } });
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n').filter((l) => l.startsWith('::'))).toEqual([
      '::error file=db/004_items_qty_index.sql,line=1,title=schema-parity%3A introduced here::table public.unrelated only in B. only B has table public.unrelated: add it to A, or drop it from B',
      '::error file=db/005_items_qty_bigint.sql,line=3,title=schema-parity%3A introduced here::column public.items.qty type changed. ALTER TABLE public.items ALTER COLUMN qty TYPE integer;',
    ]);
    // outside Actions, and in the JSON report, no workflow commands
    const plain = await runMain(['diff', 'legacy:db@3', 'legacy:db', '--blame'], { cwd: dir, env: onTestServer() });
    expect(plain.stdout).not.toContain('::error');
  });

  it('check --blame: a failing equal group names the migration line behind each difference; JUnit carries it too', async () => {
    const dir = project();
    const { writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    writeFileSync(join(dir, 'parity.config.mjs'), "export default { sources: { old: 'legacy:db@3', new: 'legacy:db' }, snapshots: [], equal: [['old', 'new']] };\n");
    const check = await runMain(['check', '--blame'], { cwd: dir, env: onTestServer() });
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('~ qty: type integer → bigint  (introduced by 005_items_qty_bigint.sql:3)');
    const junit = await runMain(['check', '--blame', '--format', 'junit'], { cwd: dir, env: onTestServer() });
    expect(junit.stdout).toContain('~ public.items.qty type: integer → bigint  (introduced by 005_items_qty_bigint.sql:3)');
  });
});

