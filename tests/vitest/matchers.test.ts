import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSnapshot, serializeSnapshot } from '../../harness/catalog/json.js';
import { resolveCatalog } from '../../harness/vitest/matchers.js';
import { snapshotOf } from '../support/catalog.js';
import { folderWith } from '../support/folders.js';
import { testServer } from '../support/scratch.js';
import { runMain, type ParityRun } from '../cli/run-parity.js';

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

  it("sources come from the project's snapshot cache, as the CLI's: an unchanged source is not built again; PARITY_NO_CACHE=1 keeps nothing", async () => {
    const spec = `legacy:${join(folderWith({ 'm/001_t.sql': 'CREATE TABLE t (a int);\n' }), 'm')}`;
    const [cacheDir, uncached] = [folderWith({}), folderWith({})];
    const saved = { dir: process.env.PARITY_CACHE_DIR, off: process.env.PARITY_NO_CACHE };
    const cachedFiles = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.json'));
    try {
      process.env.PARITY_CACHE_DIR = cacheDir;
      expect((await resolveCatalog(spec)).snapshot.tables.map((t) => t.name)).toEqual(['t']);
      expect(cachedFiles(cacheDir)).toHaveLength(1);
      // the next resolve takes the cached snapshot, not a build: changed here, it shows
      const file = join(cacheDir, cachedFiles(cacheDir)[0]!);
      const cached = parseSnapshot(readFileSync(file, 'utf8'), file);
      writeFileSync(file, serializeSnapshot({ ...cached, tables: cached.tables.map((t) => ({ ...t, comment: 'from the cache' })) }));
      expect((await resolveCatalog(spec)).snapshot.tables.map((t) => t.comment)).toEqual(['from the cache']);
      process.env.PARITY_CACHE_DIR = uncached;
      process.env.PARITY_NO_CACHE = '1';
      expect((await resolveCatalog(spec)).snapshot.tables.map((t) => t.comment)).toEqual([null]);
      expect(cachedFiles(uncached)).toEqual([]);
    } finally {
      for (const [key, value] of [['PARITY_CACHE_DIR', saved.dir], ['PARITY_NO_CACHE', saved.off]] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
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
});

/**
 * toMatchCatalogSnapshot as a user's project runs it: the fixture project's own vitest, in a child
 * process, with and without -u. The cases share two such runs (one with -u, then one without), each
 * case a test of its own in that run, so that a run costs one vitest start, not one per step; the
 * cases without a config share a test file (one worker, not one per case), the config case has a
 * file of its own (the matchers read the project's config once per worker).
 */
describe('toMatchCatalogSnapshot in a vitest run of its own', () => {
  const MIGRATION = { 'migrations/001_t.sql': 'CREATE TABLE t (id int);\n' };
  const ADD_N = 'ALTER TABLE t ADD COLUMN n text;\n';
  let root: string;
  /** Each case's folder (migrations/ and schema.snapshot.json). */
  const dir: Record<string, string> = {};
  const file = (name: string) => join(dir[name]!, 'schema.snapshot.json');
  let updateRun: FixtureRun;
  let checkRun: FixtureRun;
  /** What the fixture's matcher builds from migrations/001_t.sql (the same config, spec and server). */
  let current: string;
  /** A file written under this major, changed to say it was taken on the major before. */
  let taken: string;
  /** Files as they were just after the -u run and just before the run without it. */
  const afterUpdate: Record<string, string | undefined> = {};
  const beforeCheck: Record<string, string | undefined> = {};
  /** The config case's own CLI runs (refresh, then check) before its vitest run. */
  let cli: { refresh: ParityRun; check: ParityRun };

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'parity-matcher-cases-'));
    const folder = (name: string, files: Record<string, string>) => {
      dir[name] = join(root, name);
      for (const [path, content] of Object.entries(files)) {
        mkdirSync(join(dir[name], path, '..'), { recursive: true });
        writeFileSync(join(dir[name], path), content);
      }
    };
    // missing (no file) → fails, writes nothing; written (no file) → -u writes it, then it passes
    folder('missing', MIGRATION);
    folder('written', MIGRATION);
    // updated: a file of migration 001 alone (as -u writes it), then 002 adds a column → -u rewrites it
    folder('updated', MIGRATION);
    current = serializeSnapshot((await resolveCatalog(`legacy:${join(dir.updated!, 'migrations')}`)).snapshot);
    writeFileSync(file('updated'), current);
    writeFileSync(join(dir.updated!, 'migrations', '002_n.sql'), ADD_N);
    // an older schema-parity's file, and one taken on another major
    folder('outdated', MIGRATION);
    const old = JSON.parse(current) as Record<string, unknown>;
    for (const key of ['collations', 'compositeTypes', 'eventTriggers', 'notCompared', 'publications', 'rangeTypes', 'statistics', 'aggregates', 'operators', 'casts']) delete old[key];
    writeFileSync(file('outdated'), JSON.stringify({ ...old, formatVersion: 1 }, null, 2));
    folder('other-major', MIGRATION);
    const major = (JSON.parse(current) as { postgresMajor: number }).postgresMajor;
    taken = current.replace(`"postgresMajor": ${major}`, `"postgresMajor": ${major - 1}`);
    writeFileSync(file('other-major'), taken);

    updateRun = await runFixture(['written', 'updated', 'outdated', 'other-major'].map((name) => ({ name, migrations: join(dir[name]!, 'migrations'), snapshot: file(name), file: 'plain' })), ['-u']);
    for (const name of Object.keys(dir)) afterUpdate[name] = readIfExists(file(name));

    // stale: the file -u wrote for migration 001 (the written case's), then 002 adds a column
    folder('stale', { ...MIGRATION, ...(afterUpdate.written === undefined ? {} : { 'schema.snapshot.json': afterUpdate.written }) });
    writeFileSync(join(dir.stale!, 'migrations', '002_n.sql'), ADD_N);
    // the config's rules (comments ignored): its snapshot written by parity refresh, then a comment added
    folder('config', {
      'parity.config.ts': `export default { sources: { app: 'legacy:migrations' }, rules: { comments: 'ignore' } };\n`,
      ...MIGRATION,
    });
    const env = { PARITY_DATABASE_URL: testServer().adminUrl, PARITY_NO_CACHE: '1' };
    const refresh = await runMain(['refresh'], { cwd: dir.config, env });
    writeFileSync(join(dir.config!, 'migrations', '002_comment.sql'), "COMMENT ON TABLE t IS 'why';\n");
    cli = { refresh, check: await runMain(['check'], { cwd: dir.config, env }) };

    for (const name of Object.keys(dir)) beforeCheck[name] = readIfExists(file(name));
    checkRun = await runFixture([
      ...['missing', 'written', 'stale'].map((name) => ({ name, migrations: join(dir[name]!, 'migrations'), snapshot: file(name), file: 'plain' })),
      { name: 'config', migrations: join(dir.config!, 'migrations'), snapshot: join(dir.config!, 'snapshots', 'app.snapshot.json'), cwd: dir.config },
    ], []);
  }, 240_000);
  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('toMatchCatalogSnapshot fails on a missing or stale file and rewrites it only under vitest -u', () => {
    const missing = checkRun.cases.missing!;
    expect(missing.code, checkRun.output).toBe(1);
    expect(missing.output).toContain('schema.snapshot.json does not exist: run vitest with -u to write it');
    expect(existsSync(file('missing'))).toBe(false);

    expect(updateRun.cases.written!.code, updateRun.output).toBe(0);
    expect(parseSnapshot(afterUpdate.written!).tables[0]?.columns.map((c) => c.name)).toEqual(['id']);
    expect(checkRun.cases.written!.code, checkRun.output).toBe(0);

    const stale = checkRun.cases.stale!;
    expect(stale.code, checkRun.output).toBe(1);
    expect(stale.output).toContain('+ n text');
    expect(stale.output).toContain('run vitest with -u to update');
    expect(beforeCheck.stale).toBe(afterUpdate.written);
    expect(readFileSync(file('stale'), 'utf8')).toBe(beforeCheck.stale);

    expect(updateRun.cases.updated!.code, updateRun.output).toBe(0);
    expect(parseSnapshot(afterUpdate.updated!).tables[0]?.columns.map((c) => c.name)).toEqual(['id', 'n']);
    // the -u run passes as a whole; the run without it fails (missing, stale, config)
    expect(updateRun.code, updateRun.output).toBe(0);
    expect(checkRun.code, checkRun.output).toBe(1);
  });

  it('under vitest -u: a file an older schema-parity wrote is rewritten (as parity refresh does), one taken on another major is left as it is', () => {
    // it used to refuse under -u too, telling to run parity refresh (which writes only the config's snapshots)
    const rewritten = updateRun.cases.outdated!;
    expect(rewritten.code, rewritten.output).toBe(0);
    expect(afterUpdate.outdated).toBe(current);

    const left = updateRun.cases['other-major']!;
    expect(left.code, left.output).toBe(0);
    expect(afterUpdate['other-major']).toBe(taken);
  });

  it("toMatchCatalogSnapshot reports a drift under the config's rules, as parity check does", () => {
    expect(cli.refresh.code).toBe(0);
    // the config ignores comments: no structural difference, so both show the files' line diff
    expect(cli.check.code).toBe(1);
    expect(cli.check.stdout).toContain('-       "comment": null,\n+       "comment": "why",\n');
    const matched = checkRun.cases.config!;
    expect(matched.code, checkRun.output).toBe(1);
    expect(matched.output).toContain('-       "comment": null,\n+       "comment": "why",\n');
    expect(matched.output).not.toContain('1 difference');
  });
});

function readIfExists(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

const vitestBin = join(createRequire(import.meta.url).resolve('vitest/package.json'), '..', 'vitest.mjs');
const fixture = join(import.meta.dirname, '..', 'fixtures', 'matcher-project');

interface FixtureCase {
  name: string;
  migrations: string;
  snapshot: string;
  /** The folder the case's test runs in (its parity.config.ts), else the run's: a file of its own. */
  cwd?: string;
  /** The test file it is a test of, with the other cases naming it: <file>.check.ts (default: its name). */
  file?: string;
}

interface FixtureRun {
  /** The run's exit code and everything it printed. */
  code: number;
  output: string;
  /** Per case: 0 when its test passed, else 1, and its failure messages. */
  cases: Record<string, { code: number; output: string }>;
}

/**
 * Runs the fixture project's vitest in a child process, on this run's server (url provider), over
 * one test per case, named by the case: `expect('legacy:<migrations>').toMatchCatalogSnapshot(<snapshot>)`.
 * The JSON report says which cases passed and with what message each failed.
 */
async function runFixture(cases: FixtureCase[], flags: string[]): Promise<FixtureRun> {
  const dir = mkdtempSync(join(tmpdir(), 'parity-matcher-run-'));
  try {
    const fileOf = (c: FixtureCase) => `${c.file ?? c.name}.check.ts`;
    for (const name of new Set(cases.map(fileOf))) {
      const inFile = cases.filter((c) => fileOf(c) === name);
      if (inFile.length > 1 && inFile.some((c) => c.cwd)) throw new Error(`${name}: a case with a folder of its own needs a file of its own`);
      writeFileSync(
        join(dir, name),
        [
          "import { expect, it } from 'vitest';",
          ...(inFile[0]!.cwd ? [`process.chdir(${JSON.stringify(inFile[0]!.cwd)});`] : []),
          ...inFile.flatMap((c) => [
            `it(${JSON.stringify(c.name)}, async () => {`,
            `  await expect(${JSON.stringify(`legacy:${c.migrations}`)}).toMatchCatalogSnapshot(${JSON.stringify(c.snapshot)});`,
            '});',
          ]),
          '',
        ].join('\n'),
      );
    }
    const report = join(dir, 'report.json');
    const { code, output } = await new Promise<{ code: number; output: string }>((resolve) => {
      execFile(
        process.execPath,
        [vitestBin, 'run', '--root', fixture, '--config', join(fixture, 'vitest.config.ts'), '--dir', dir, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...flags],
        { env: { ...process.env, PARITY_DATABASE_URL: testServer().adminUrl, CI: '' }, timeout: 120_000 },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? -1) : 0, output: stdout + stderr }),
      );
    });
    const files = existsSync(report)
      ? (JSON.parse(readFileSync(report, 'utf8')) as { testResults: Array<{ name: string; status: string; message?: string; assertionResults: Array<{ title: string; status: string; failureMessages: string[] }> }> }).testResults
      : [];
    const results: FixtureRun['cases'] = {};
    for (const c of cases) {
      const ran = files.find((f) => basename(f.name) === fileOf(c));
      const test = ran?.assertionResults.filter((a) => a.title === c.name);
      // a case that did not run at all fails, with the run's output
      if (!ran || test?.length !== 1) {
        results[c.name] = { code: -1, output };
        continue;
      }
      const passed = test[0]!.status === 'passed';
      results[c.name] = { code: passed ? 0 : 1, output: [ran.message ?? '', ...test[0]!.failureMessages].join('\n') };
    }
    return { code, output, cases: results };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
