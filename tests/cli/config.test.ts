import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderWith } from '../support/folders.js';
import { testServer } from '../support/scratch.js';
import { runParity } from './run-parity.js';

const ROOT = join(import.meta.dirname, '..', '..');
const onTestServer = () => ({ PARITY_DATABASE_URL: testServer().adminUrl });

describe('parity.config.ts', () => {
  it('names sources: parity diff legacy baseline, in this repository', async () => {
    const run = await runParity(['diff', 'legacy', 'baseline'], { cwd: ROOT, env: onTestServer() });
    expect([run.code, run.stdout]).toEqual([0, 'legacy and baseline: equal\n']);
    const head = await runParity(['diff', 'baseline', 'head', '--format', 'json'], { cwd: ROOT, env: onTestServer() });
    expect(head.code).toBe(1);
    expect(JSON.parse(head.stdout).differences.every((d: { kind: string; object: string }) => d.kind === 'extra' && d.object === 'index')).toBe(true);
  });

  it('checks the sources, committed snapshots and equal groups it lists', async () => {
    const dir = folderWith({
      'a/001_t.sql': 'CREATE TABLE t (id int PRIMARY KEY);',
      'b/001_t.sql': 'CREATE TABLE t (id int PRIMARY KEY, extra text);',
      'parity.config.mjs': "export default { sources: { a: 'legacy:a', b: 'legacy:b' }, snapshots: ['a'], equal: [['a', 'b']] };",
    });
    expect((await runParity(['refresh'], { cwd: dir, env: onTestServer() })).stdout).toBe('a: created snapshots/a.snapshot.json\n');
    const check = await runParity(['check'], { cwd: dir, env: onTestServer() });
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('verdict:\n  ✓ a = snapshots/a.snapshot.json\n  ✗ a ≠ b\n');
    expect(check.stdout).toContain('+ extra text');
  });

  it('refuses a config that names a source it does not define, or does not load, naming the file', async () => {
    const unknown = folderWith({ 'parity.config.mjs': "export default { sources: { a: 'legacy:a' }, equal: [['a', 'prod']] };" });
    const run = await runParity(['check'], { cwd: unknown });
    expect([run.code, run.stderr]).toEqual([2, 'parity check: parity.config.mjs: equal[0] names "prod", which is not in sources (a)\n']);
    const broken = folderWith({ 'parity.config.ts': 'export default { sources: { a: } };' });
    const bad = await runParity(['check'], { cwd: broken });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^parity check: parity\.config\.ts: cannot load it: /);
    const valid = folderWith({ 'parity.config.mjs': "export default { sources: { a: 'legacy:a' } };" });
    const name = await runParity(['snapshot', 'nope'], { cwd: valid });
    expect(name.stderr).toMatch(/"nope" is neither a source spec \(legacy:<dir>.*\) nor a source name in .*parity\.config\.mjs \(names: a\)/);
  });
});
