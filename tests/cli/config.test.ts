import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { folderWith } from '../support/folders.js';
import { testServer } from '../support/scratch.js';
import { runMain, runParity } from './run-parity.js';

const ROOT = join(import.meta.dirname, '..', '..');
const onTestServer = () => ({ PARITY_DATABASE_URL: testServer().adminUrl });

describe('parity.config.ts', () => {
  it('names sources: parity diff legacy baseline, in this repository', async () => {
    const run = await runMain(['diff', 'legacy', 'baseline'], { cwd: ROOT, env: onTestServer() });
    expect([run.code, run.stdout]).toEqual([0, 'legacy and baseline: equal\n']);
    const head = await runMain(['diff', 'baseline', 'head', '--format', 'json'], { cwd: ROOT, env: onTestServer() });
    expect(head.code).toBe(1);
    expect(JSON.parse(head.stdout).differences.every((d: { kind: string; object: string }) => d.kind === 'extra' && d.object === 'index')).toBe(true);
  });

  it('checks the sources, committed snapshots and equal groups it lists', async () => {
    const dir = folderWith({
      'a/001_t.sql': 'CREATE TABLE t (id int PRIMARY KEY);',
      'b/001_t.sql': 'CREATE TABLE t (id int PRIMARY KEY, extra text);',
      'parity.config.mjs': "export default { sources: { a: 'legacy:a', b: 'legacy:b' }, snapshots: ['a'], equal: [['a', 'b']] };",
    });
    expect((await runMain(['refresh'], { cwd: dir, env: onTestServer() })).stdout).toBe('a: created snapshots/a.snapshot.json\n');
    const check = await runMain(['check'], { cwd: dir, env: onTestServer() });
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('verdict:\n  ✓ a = snapshots/a.snapshot.json\n  ✗ a ≠ b\n');
    expect(check.stdout).toContain('+ extra text');
  });

  it('check builds its sources side by side, and a failure is that of the first failing source in the config, not of the first to fail', async () => {
    const dir = folderWith({
      // a fails later than b: side by side, b's error comes first in time
      'a/001_t.sql': 'SELECT pg_sleep(0.5);\nCREATE TABLE t (id nosuchtype);\n',
      'b/001_t.sql': 'CREATE TABLE t (id int REFERENCES nowhere);\n',
      'parity.config.mjs': "export default { sources: { a: 'legacy:a', b: 'legacy:b' }, snapshots: [], equal: [['a', 'b']] };",
    });
    const check = await runMain(['check'], { cwd: dir, env: { ...onTestServer(), PARITY_NO_CACHE: '1' } });
    expect([check.code, check.stdout]).toEqual([2, '']);
    expect(check.stderr).toMatch(/^parity check: building source "a" \(legacy:a\): .*nosuchtype/);
    expect(check.stderr).not.toContain('nowhere');
  });

  it('refuses a config that names a source it does not define, or does not load, naming the file', async () => {
    const unknown = folderWith({ 'parity.config.mjs': "export default { sources: { a: 'legacy:a' }, equal: [['a', 'prod']] };" });
    const run = await runMain(['check'], { cwd: unknown });
    expect([run.code, run.stderr]).toEqual([2, 'parity check: parity.config.mjs: equal[0] names "prod", which is not in sources (a)\n']);
    const broken = folderWith({ 'parity.config.ts': 'export default { sources: { a: } };' });
    const bad = await runMain(['check'], { cwd: broken });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^parity check: parity\.config\.ts: cannot load it: /);
    const valid = folderWith({ 'parity.config.mjs': "export default { sources: { a: 'legacy:a' } };" });
    const name = await runMain(['snapshot', 'nope'], { cwd: valid });
    expect(name.stderr).toMatch(/"nope" is neither a source spec \(legacy:<dir>.*\) nor a source name in .*parity\.config\.mjs \(names: a\)/);
  });

  it('refuses a typo in a key or a value, naming the file, line:column, key path and what is allowed — never a silent default', async () => {
    // `names: 'drfit'` used to fall back to the default and turn this drift into a pass
    const typo = folderWith({
      'a/001_t.sql': 'CREATE TABLE t (id int, CONSTRAINT t_one UNIQUE (id));',
      'b/001_t.sql': 'CREATE TABLE t (id int, CONSTRAINT t_two UNIQUE (id));',
      'parity.config.ts': "export default {\n  sources: { a: 'legacy:a', b: 'legacy:b' },\n  rules: { names: 'drfit' },\n};\n",
    });
    const run = await runMain(['diff', 'a', 'b'], { cwd: typo, env: onTestServer() });
    expect([run.code, run.stdout, run.stderr]).toEqual([
      2,
      '',
      'parity diff: parity.config.ts:3:19: rules.names: "drfit" is not allowed (did you mean "drift"?): use one of drift, cosmetic, ignore\n' +
        '(fix it in parity.config.ts; the README\'s "parity.config.ts" section lists every key)\n',
    ]);

    const keys = folderWith({
      'parity.config.mjs': "export default {\n  sources: { a: 'legacy:a' },\n  snapshot: ['a'],\n  rules: { nmaes: 'drift', ignoreObjects: ['tabel'] },\n  equal: ['a'],\n  ignore: { schemas: 'audit' },\n};\n",
    });
    const bad = await runMain(['check'], { cwd: keys });
    expect([bad.code, bad.stdout]).toEqual([2, '']);
    expect(bad.stderr.split('\n')).toEqual([
      'parity check: parity.config.mjs:3:3: snapshot: unknown key "snapshot" (did you mean "snapshots"?): the config takes sources, snapshots, equal, snapshotDir, rules, ignore, dumpExcludeSchemas, baseline, postgres, setup, accepted, strictCoverage',
      'parity.config.mjs:4:12: rules.nmaes: unknown key "nmaes" (did you mean "names"?): rules takes columnOrder, names, uniqueConstraintVsIndex, bodyWhitespaceAndComments, equivalentDefaults, comments, ignoreObjects, privileges, ownership, roleMap',
      'parity.config.mjs:4:44: rules.ignoreObjects[0]: "tabel" is not allowed (did you mean "table"?): use one of table, view, materialized view, column, constraint, index, trigger, policy, rule, schema, extension, enum, domain, composite type, range type, collation, function, sequence, aggregate, operator, cast, operator family, operator class, text search configuration, text search dictionary, foreign-data wrapper, foreign server, foreign table, conversion, language, access method, statistics, publication, event trigger, privilege, default privilege, owner',
      'parity.config.mjs:5:3: equal[0]: expected a list, got string "a"',
      'parity.config.mjs:6:13: ignore.schemas: expected a list, got string "audit"',
      `(fix them in parity.config.mjs; the README's "parity.config.ts" section lists every key)`,
      '',
    ]);

    const spec = folderWith({ 'parity.config.mjs': "export default { sources: { a: 'legacy:a', b: 'mysql:x' } };" });
    const wrong = await runMain(['check'], { cwd: spec });
    expect([wrong.code, wrong.stderr]).toEqual([2, expect.stringMatching(/^parity check: parity\.config\.mjs: sources\.b: source "mysql:x" is not one of: legacy:<dir>/)]);
  });

  it('refuses values that would be read as something else: an absolute snapshotDir, a group of one source twice, PUBLIC in roleMap', async () => {
    const dir = folderWith({
      'parity.config.mjs': "export default {\n  sources: { a: 'legacy:a' },\n  snapshotDir: '/etc',\n  equal: [['a', 'a']],\n  rules: { roleMap: { PUBLIC: 'app' } },\n};\n",
    });
    const run = await runMain(['check'], { cwd: dir });
    expect([run.code, run.stdout]).toEqual([2, '']);
    expect(run.stderr.split('\n').slice(0, 3)).toEqual([
      'parity check: parity.config.mjs:3:3: snapshotDir: "/etc" is absolute: name a folder of the project, relative to its config (committed snapshots are reviewed in the repository)',
      'parity.config.mjs:4:3: equal[0]: names a source twice ("a"): a group says which different sources must be equal',
      'parity.config.mjs:5:23: rules.roleMap.PUBLIC: PUBLIC is every role, not one: map the names of roles',
    ]);
  });

  it('each command accepts only its own options, and says which those are', async () => {
    const lint = await runMain(['lint', 'legacy:x', '--dump']);
    expect([lint.code, lint.stdout]).toEqual([2, '']);
    expect(lint.stderr.split('\n')[0]).toBe("parity lint: Unknown option '--dump': parity lint takes --help, --quiet, --no-cache, --ignore-schema, --setup");
    const check = await runMain(['check', '--dump']);
    expect([check.code, check.stderr.split('\n')[0]]).toEqual([2, "parity check: Unknown option '--dump': parity check takes --help, --quiet, --no-cache, --ignore-schema, --setup, --strict, --format, --strict-coverage, --blame"]);
    const dump = await runMain(['dump', '--strict']);
    expect([dump.code, dump.stderr.split('\n')[0]]).toEqual([2, "parity dump: Unknown option '--strict': parity dump takes --help, --quiet, --url, --output, --allow-major-mismatch"]);
  });

  it('finds parity.config.ts in the nearest folder above, like git; a spec on the command line is from where parity runs', async () => {
    const dir = folderWith({
      'db/a/001_t.sql': 'CREATE TABLE t (id int PRIMARY KEY);',
      'db/b/001_t.sql': 'CREATE TABLE t (id int PRIMARY KEY, extra text);',
      'parity.config.mjs': "export default { sources: { a: 'legacy:db/a', b: 'legacy:db/b' } };",
      'db/b/deeper/.keep': '',
    });
    const below = join(dir, 'db', 'b', 'deeper');
    const named = await runMain(['diff', 'a', 'b', '--format', 'json'], { cwd: below, env: onTestServer() });
    expect(named.code, named.stderr).toBe(1);
    expect(JSON.parse(named.stdout).differences.map((d: { kind: string; path: string }) => `${d.kind} ${d.path}`)).toEqual(['extra public.t.extra']);
    const relative = await runMain(['diff', 'a', 'legacy:..', '--format', 'json'], { cwd: below, env: onTestServer() });
    expect(JSON.parse(relative.stdout).differences.map((d: { kind: string; path: string }) => `${d.kind} ${d.path}`)).toEqual(['extra public.t.extra']);
    const typo = await runMain(['diff', 'a', 'c'], { cwd: below });
    expect(typo.stderr).toMatch(/"c" is neither a source spec .* nor a source name in .*parity\.config\.mjs \(names: a, b\)/);
  });

  it('what the config prints while it loads goes to stderr; a process.exit() in it is an error of the config', async () => {
    const dir = folderWith({
      'a/001_t.sql': 'CREATE TABLE t (id int);',
      'parity.config.mjs': "console.log('[dotenv@17.2.3] injecting env (0) from .env');\nexport default { sources: { a: 'legacy:a' } };\n",
    });
    const run = await runParity(['diff', 'a', 'a', '--format', 'json'], { cwd: dir, env: onTestServer() });
    expect([run.code, run.stderr]).toEqual([0, '[dotenv@17.2.3] injecting env (0) from .env\n']);
    expect(JSON.parse(run.stdout).differences).toEqual([]);
    const exits = folderWith({ 'parity.config.ts': "process.exit(0);\nexport default { sources: {} };\n" });
    const exit = await runParity(['check'], { cwd: exits });
    expect([exit.code, exit.stdout]).toEqual([2, '']);
    expect(exit.stderr).toMatch(/^parity check: parity\.config\.ts: cannot load it: it called process\.exit\(0\) while loading: a config must only export its settings\n$/);
  });

  it('a TypeScript config loads without tsx (no loader thread), compiled once into .parity-cache/config/ and again when it changes; one that imports its own files goes through tsx', async () => {
    const probe = { NODE_OPTIONS: `--import ${pathToFileURL(join(ROOT, 'tests', 'fixtures', 'loader-probe.mjs')).href}` };
    const dir = folderWith({
      // types, a package and import.meta.url: all as under tsx
      'parity.config.ts': "import { basename } from 'node:path';\nimport type { ParityConfig } from 'schema-parity';\nconst here: string = basename(new URL('.', import.meta.url).pathname);\nexport default { sources: { [here]: 'legacy:a' } } satisfies ParityConfig;\n",
    });
    const names = `(names: ${basename(dir)})`;
    for (const run of [1, 2]) {
      const shown = await runParity(['snapshot', 'nope'], { cwd: dir, env: probe });
      expect([run, shown.code, shown.stdout, shown.stderr]).toEqual([run, 2, '', expect.stringContaining(names)]);
      expect(shown.stderr).not.toContain('[loader-probe]');
    }
    expect(readdirSync(join(dir, '.parity-cache', 'config'))).toHaveLength(1);
    writeFileSync(join(dir, 'parity.config.ts'), "export default { sources: { changed: 'legacy:a' } };\n");
    const changed = await runParity(['snapshot', 'nope'], { cwd: dir, env: probe });
    expect([changed.code, changed.stderr]).toEqual([2, expect.stringContaining('(names: changed)')]);
    expect(changed.stderr).not.toContain('[loader-probe]');
    expect(readdirSync(join(dir, '.parity-cache', 'config'))).toHaveLength(1);

    const own = folderWith({
      'names.ts': "export const name: string = 'mine';\n",
      'parity.config.ts': "import { name } from './names.ts';\nexport default { sources: { [name]: 'legacy:a' } };\n",
    });
    const tsx = await runParity(['snapshot', 'nope'], { cwd: own, env: probe });
    expect([tsx.code, tsx.stderr]).toEqual([2, expect.stringContaining('[loader-probe] module.register\n')]);
    expect(tsx.stderr).toContain('(names: mine)');
    expect(existsSync(join(own, '.parity-cache', 'config'))).toBe(false);
  });
});
