import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished, describe, expect, it } from 'vitest';
import { serializeSnapshot } from '../../harness/catalog/json.js';
import { takeSnapshot } from '../../harness/catalog/snapshot.js';
import { compare } from '../../harness/compare/compare.js';
import { rateDefaults } from '../../harness/evaluate/rate-defaults.js';
import { legacySource } from '../../harness/sources/legacy.js';
import { runMain } from '../cli/run-parity.js';
import { snapshotOf } from '../support/catalog.js';
import { folderWith } from '../support/folders.js';
import { scratchDatabase, testServer } from '../support/scratch.js';

/**
 * Text read from a snapshot file is data. The equivalent-defaults check once pasted defaults and
 * type names from snapshots into a multi-statement query run on the live `url:` database.
 */
describe('security: text from a snapshot file never runs as SQL', () => {
  async function liveWithTamperedSnapshot(defaultText: string, typeText = 'integer') {
    const live = await scratchDatabase('live', 'CREATE TABLE t (x int DEFAULT 0)');
    onTestFinished(() => live.drop());
    const snapshot = await takeSnapshot(live.client);
    const column = snapshot.tables[0]!.columns[0]!;
    column.default = defaultText;
    column.type = typeText;
    const dir = mkdtempSync(join(tmpdir(), 'parity-tampered-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'tampered.snapshot.json');
    writeFileSync(file, serializeSnapshot(snapshot));
    return { live, file };
  }

  it('a default that closes the probe and commits cannot create a table in the url: database', async () => {
    const { live, file } = await liveWithTamperedSnapshot('0)); COMMIT; CREATE TABLE public.pwned (); SELECT ((0');
    const run = await runMain(['diff', `url:${live.url}`, `snapshot:${file}`]);
    const { rows } = await live.client.query("SELECT to_regclass('public.pwned') IS NOT NULL AS pwned");
    expect(rows[0].pwned).toBe(false);
    // still reported, as drift: a default that cannot be evaluated safely is not "equal"
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('default of public.t.x not evaluated (not a single expression: a ")" that closes what it did not open): compared as text');
  });

  it('a default that runs COPY … TO PROGRAM runs nothing', async () => {
    const marker = join(tmpdir(), `parity-pwned-${process.pid}-${Date.now()}`);
    onTestFinished(() => rmSync(marker, { force: true }));
    const { live, file } = await liveWithTamperedSnapshot(`0)); COMMIT; COPY (SELECT 1) TO PROGRAM 'touch ${marker}'; SELECT ((0`);
    const run = await runMain(['diff', `url:${live.url}`, `snapshot:${file}`]);
    expect(existsSync(marker)).toBe(false);
    expect(run.code).toBe(1);
  });

  it('a type name from the file cannot carry a statement either', async () => {
    const { live, file } = await liveWithTamperedSnapshot("'0'::integer", 'integer) AS same; COMMIT; CREATE TABLE public.pwned (); SELECT (1');
    const run = await runMain(['diff', `url:${live.url}`, `snapshot:${file}`]);
    const { rows } = await live.client.query("SELECT to_regclass('public.pwned') IS NOT NULL AS pwned");
    expect(rows[0].pwned).toBe(false);
    expect(run.code).toBe(1);
  });

  it('the url: database is never asked: the defaults are judged on a throwaway database of our own server', async () => {
    // two live databases: the probe runs on neither (a url: database is only ever read) but on a
    // throwaway database of the harness's own server, where built-in types are enough
    const a = await scratchDatabase('live_a', 'CREATE TABLE t (x timestamptz DEFAULT now())');
    onTestFinished(() => a.drop());
    const b = await scratchDatabase('live_b', 'CREATE TABLE t (x timestamptz DEFAULT CURRENT_TIMESTAMP)');
    onTestFinished(() => b.drop());
    const run = await runMain(['diff', `url:${a.url}`, `url:${b.url}`]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/x: default .*\(cosmetic: the server evaluates both to the same value\)/);
  });
});

describe('security: the one-expression check reads a default as the server does', () => {
  it.each([
    ['a subquery', "public.größe'\\' || (SELECT (1/(SELECT 0))::text) --'\n"],
    ['a subquery after an unqualified name', "größe'\\' || (SELECT (1/(SELECT 0))::text) --'\n"],
  ])("a name ending in e after a non-ASCII letter, then '\\' (%s) is not taken for an E'' string: nothing after it runs", async (_name, tampered) => {
    // with a domain größe in the built copy, the server reads `public.größe '\'` as a typed
    // constant, then runs the subquery (which divides by zero) and takes the rest for a comment
    const sql = 'CREATE DOMAIN public.größe AS text; CREATE TABLE t (x text DEFAULT \'a\');';
    const [sa, sb] = [await snapshotOf(sql), await snapshotOf(sql)];
    sa.tables[0]!.columns[0]!.default = tampered;
    const built = legacySource(folderWith({ 'migrations/001.sql': sql }) + '/migrations');
    const rated = await rateDefaults(compare(sa, sb), sb, [undefined, built], async () => testServer());
    expect(rated.differences.map((d) => `${d.path} ${d.property} ${d.severity}`)).toEqual(['public.t.x default drift']);
    expect(rated.warnings.join('\n')).not.toContain('division by zero');
    expect(rated.warnings).toEqual(['default of public.t.x not evaluated (not a single expression: "SELECT" (a subquery or statement)): compared as text']);
  });
});

describe('equivalent defaults are judged where the project\'s types exist', () => {
  it('a default on a domain column written two ways is cosmetic, not drift', async () => {
    const dir = folderWith({
      'a/001_init.sql': "CREATE DOMAIN amount AS numeric(12,2) CHECK (VALUE >= 0);\nCREATE TABLE t (x amount DEFAULT 0);\n",
      'b/001_init.sql': "CREATE DOMAIN amount AS numeric(12,2) CHECK (VALUE >= 0);\nCREATE TABLE t (x amount DEFAULT '0'::numeric);\n",
    });
    const run = await runMain(['diff', `legacy:${join(dir, 'a')}`, `legacy:${join(dir, 'b')}`, '--no-cache']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/x: default .*\(cosmetic: the server evaluates both to the same value\)/);
    expect(run.code).toBe(0);
  });
});
