import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serializeSnapshot } from '../../harness/catalog/json.js';
import { SNAPSHOT_FORMAT_VERSION, type Snapshot } from '../../harness/catalog/model.js';
import { folderWith } from '../support/folders.js';
import { testServer } from '../support/scratch.js';
import { runMain } from '../cli/run-parity.js';

// The committed-snapshot verdict as each of its three users gives it: `parity check`, `parity
// refresh` and toMatchCatalogSnapshot (here in this process, without -u; the -u runs are in
// tests/vitest/matchers.test.ts). One verdict: they must agree on every kind of it.

// the snapshot cache on, as for users: each test's folder is new, so only an unchanged source is read from it
const onTestServer = () => ({ PARITY_DATABASE_URL: testServer().adminUrl });

/** A project with one legacy chain `app` and its committed snapshot (made by refresh). */
async function project(): Promise<{ dir: string; file: string; shown: string; spec: string; text: string }> {
  const dir = folderWith({
    'parity.config.ts': `export default { sources: { app: 'legacy:app' } };\n`,
    'app/001_init.sql': 'CREATE TABLE accounts (id int PRIMARY KEY, email text NOT NULL);\n',
  });
  const made = await runMain(['refresh'], { cwd: dir, env: onTestServer() });
  expect([made.code, made.stdout, made.stderr]).toEqual([0, 'app: created snapshots/app.snapshot.json\n', '']);
  const file = join(dir, 'snapshots', 'app.snapshot.json');
  return { dir, file, shown: relative(process.cwd(), file), spec: `legacy:${join(dir, 'app')}`, text: readFileSync(file, 'utf8') };
}

const check = (dir: string) => runMain(['check'], { cwd: dir, env: onTestServer() });
const refresh = (dir: string) => runMain(['refresh'], { cwd: dir, env: onTestServer() });
/** The matcher's message: its failure, or (through .not) what it says when it passes. */
const matcher = (spec: string, file: string) =>
  expect(spec)
    .toMatchCatalogSnapshot(file)
    .then(
      () => expect(spec).not.toMatchCatalogSnapshot(file).then(() => 'neither passed nor failed', (e: Error) => ({ pass: e.message })),
      (e: Error) => ({ fail: e.message }),
    );

describe('the committed-snapshot verdict, through check, refresh and the matcher', () => {
  it('equal: all three say so, and refresh leaves the file as it is', async () => {
    const { dir, file, shown, spec, text } = await project();
    expect(await check(dir)).toEqual({ code: 0, stdout: 'verdict:\n  ✓ app = snapshots/app.snapshot.json\n', stderr: '' });
    expect(await matcher(spec, file)).toEqual({ pass: `legacy matches ${shown}` });
    expect(await refresh(dir)).toEqual({ code: 0, stdout: 'app: unchanged snapshots/app.snapshot.json\n', stderr: '' });
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('taken on another major, nothing else different: all three call it equal with the note, and refresh does not rewrite it', async () => {
    const { dir, file, shown, spec, text } = await project();
    const major = testServer().major;
    const taken = text.replace(`"postgresMajor": ${major}`, `"postgresMajor": ${major - 1}`);
    expect(taken).not.toBe(text);
    writeFileSync(file, taken);
    const note = `(taken on PostgreSQL ${major - 1}, built on ${major})`;
    expect(await check(dir)).toEqual({ code: 0, stdout: `verdict:\n  ✓ app = snapshots/app.snapshot.json ${note}\n`, stderr: '' });
    expect(await matcher(spec, file)).toEqual({ pass: `legacy matches ${shown} ${note}` });
    // refresh used to rewrite it ("changed", a one-line diff of the major) where check and the matcher call it equal
    expect(await refresh(dir)).toEqual({ code: 0, stdout: `app: unchanged snapshots/app.snapshot.json ${note}\n`, stderr: '' });
    expect(readFileSync(file, 'utf8')).toBe(taken);
  });

  it('drift: check and the matcher fail with the differences, refresh writes the file and shows the same differences', async () => {
    const { dir, file, shown, spec } = await project();
    writeFileSync(join(dir, 'app', '002_name.sql'), 'ALTER TABLE accounts ADD COLUMN name text;\n');
    const checked = await check(dir);
    expect([checked.code, checked.stderr]).toEqual([1, '']);
    expect(checked.stdout).toBe(
      [
        'app: DRIFT from snapshots/app.snapshot.json',
        `snapshots/app.snapshot.json vs app (legacy:app): 1 difference (1 drift, 0 cosmetic)`,
        '',
        'public.accounts',
        '  columns',
        '    + name text  (only in app (legacy:app))',
        '',
        'verdict:',
        '  ✗ app ≠ snapshots/app.snapshot.json',
        '',
        'Drift found. If the change is intended and reviewed, run "parity refresh" and commit the snapshots (or, for a pair that may differ for now, "parity accept <A> <B>").',
        '',
      ].join('\n'),
    );
    const matched = await matcher(spec, file);
    expect(matched).toEqual({
      fail: [
        `${shown} vs legacy: 1 difference (1 drift, 0 cosmetic)`,
        '',
        'public.accounts',
        '  columns',
        '    + name text  (only in legacy)',
        '',
        `If the change is intended and reviewed, run vitest with -u to update ${shown}.`,
      ].join('\n'),
    });
    const refreshed = await refresh(dir);
    expect([refreshed.code, refreshed.stderr]).toEqual([0, '']);
    expect(refreshed.stdout).toBe(
      [
        'app: changed snapshots/app.snapshot.json',
        'snapshots/app.snapshot.json (before) vs app (now): 1 difference (1 drift, 0 cosmetic)',
        '',
        'public.accounts',
        '  columns',
        '    + name text  (only in app (now))',
        '',
      ].join('\n'),
    );
    expect(await check(dir)).toEqual({ code: 0, stdout: 'verdict:\n  ✓ app = snapshots/app.snapshot.json\n', stderr: '' });
  });

  it('drift outside the compared objects: all three show the line diff of the two files', async () => {
    const { dir, file, shown, spec, text } = await project();
    // an object of a kind not compared yet, only in the committed file: no structural difference
    const committed = JSON.parse(text) as { notCompared: Array<{ kind: string; identity: string }> };
    committed.notCompared.push({ kind: 'foreign table', identity: 'public.elsewhere' });
    writeFileSync(file, serializeSnapshot(committed as unknown as Snapshot));
    const diff = (a: string, b: string) =>
      [
        `- ${a}`,
        `+ ${b}`,
        '',
        '@@ -15,12 +15,7 @@',
        `    "formatVersion": ${SNAPSHOT_FORMAT_VERSION},`,
        '    "functions": [],',
        '    "languages": [],',
        '-   "notCompared": [',
        '-     {',
        '-       "identity": "public.elsewhere",',
        '-       "kind": "foreign table"',
        '-     }',
        '-   ],',
        '+   "notCompared": [],',
        '    "operatorClasses": [],',
        '    "operatorFamilies": [],',
        '    "operators": [],',
      ].join('\n');
    const checked = await check(dir);
    expect([checked.code, checked.stderr]).toEqual([1, '']);
    expect(checked.stdout).toBe(
      `app: DRIFT from snapshots/app.snapshot.json\n${diff('snapshots/app.snapshot.json', 'app (legacy:app)')}\n\nverdict:\n  ✗ app ≠ snapshots/app.snapshot.json\n\n` +
        'Drift found. If the change is intended and reviewed, run "parity refresh" and commit the snapshots (or, for a pair that may differ for now, "parity accept <A> <B>").\n',
    );
    expect(await matcher(spec, file)).toEqual({ fail: `${diff(shown, 'legacy')}\n\nIf the change is intended and reviewed, run vitest with -u to update ${shown}.` });
    expect(await refresh(dir)).toEqual({ code: 0, stdout: `app: changed snapshots/app.snapshot.json\n${diff('snapshots/app.snapshot.json (before)', 'app (now)')}\n`, stderr: '' });
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('written by an older schema-parity: check refuses and says to refresh, the matcher fails and says vitest -u, refresh rewrites it', async () => {
    const { dir, file, shown, spec, text } = await project();
    const old = JSON.parse(text) as Record<string, unknown>;
    for (const key of ['collations', 'compositeTypes', 'eventTriggers', 'notCompared', 'publications', 'rangeTypes', 'statistics', 'aggregates', 'operators', 'casts']) delete old[key];
    writeFileSync(file, JSON.stringify({ ...old, formatVersion: 1 }, null, 2));
    expect(await check(dir)).toEqual({
      code: 2,
      stdout: '',
      stderr: `parity check: ${file}: written by an older schema-parity (snapshot format version 1; this one reads version ${SNAPSHOT_FORMAT_VERSION}, which compares more object kinds): run "parity refresh" to rewrite it, review the result and commit it.\n`,
    });
    // the matcher's writer is vitest -u (refresh writes only the config's snapshots)
    expect(await matcher(spec, file)).toEqual({
      fail: `${shown}: written by an older schema-parity (snapshot format version 1; this one reads version ${SNAPSHOT_FORMAT_VERSION}, which compares more object kinds): run vitest with -u to rewrite it, review the result and commit it.`,
    });
    expect(await refresh(dir)).toEqual({ code: 0, stdout: `app: rewrote snapshots/app.snapshot.json (format version 1 → ${SNAPSHOT_FORMAT_VERSION}, written by an older schema-parity)\n`, stderr: '' });
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('missing: check refuses and says to refresh, the matcher fails and says vitest -u, refresh creates it', async () => {
    const { dir, file, shown, spec, text } = await project();
    rmSync(file);
    expect(await check(dir)).toEqual({ code: 2, stdout: '', stderr: 'parity check: snapshots/app.snapshot.json does not exist: run "parity refresh" to create it, review it and commit it\n' });
    expect(await matcher(spec, file)).toEqual({ fail: `${shown} does not exist: run vitest with -u to write it, then review and commit it` });
    expect(await refresh(dir)).toEqual({ code: 0, stdout: 'app: created snapshots/app.snapshot.json\n', stderr: '' });
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('a file no verdict can be given on (a newer format, broken JSON): all three refuse with the same error, and refresh leaves it as it is', async () => {
    const { dir, file, spec, text } = await project();
    for (const broken of [text.replace(`"formatVersion": ${SNAPSHOT_FORMAT_VERSION}`, '"formatVersion": 99'), text.slice(0, 40)]) {
      writeFileSync(file, broken);
      const checked = await check(dir);
      const refreshed = await refresh(dir);
      const matched = await matcher(spec, file);
      expect([checked.code, checked.stdout, refreshed.code, refreshed.stdout]).toEqual([2, '', 2, '']);
      const message = checked.stderr.replace(/^parity check: /, '').replace(/\n$/, '');
      expect(message).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(:\\d+:\\d+)?: (snapshot format version 99|not valid JSON)`));
      expect(refreshed.stderr).toBe(`parity refresh: ${message}\n`);
      expect(matched).toEqual({ fail: message });
      expect(readFileSync(file, 'utf8')).toBe(broken);
    }
  });

  it('refresh judges every file before it writes one: a file it cannot read leaves the others as they were too', async () => {
    const dir = folderWith({
      'parity.config.ts': `export default { sources: { app: 'legacy:app', audit: 'legacy:audit' } };\n`,
      'app/001_init.sql': 'CREATE TABLE accounts (id int PRIMARY KEY);\n',
      'audit/001_init.sql': 'CREATE TABLE events (id bigint PRIMARY KEY);\n',
    });
    expect((await refresh(dir)).code).toBe(0);
    const app = join(dir, 'snapshots', 'app.snapshot.json');
    const audit = join(dir, 'snapshots', 'audit.snapshot.json');
    const before = readFileSync(app, 'utf8');
    writeFileSync(join(dir, 'app', '002_name.sql'), 'ALTER TABLE accounts ADD COLUMN name text;\n');
    writeFileSync(audit, `{"formatVersion": ${SNAPSHOT_FORMAT_VERSION},`);
    const run = await refresh(dir);
    expect([run.code, run.stdout]).toEqual([2, '']);
    expect(run.stderr).toMatch(/^parity refresh: \S+audit\.snapshot\.json:1:\d+: not valid JSON/);
    expect(readFileSync(app, 'utf8')).toBe(before);
  });
});
