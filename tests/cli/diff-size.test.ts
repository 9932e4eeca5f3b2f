import { describe, expect, it } from 'vitest';
import { folderWith } from '../support/folders.js';
import { testServer } from '../support/scratch.js';
import { runMain } from './run-parity.js';

// 207 differences: 204 tables only in a, t001.id changed and t001.extra only in b, f() only in b
function project(): string {
  const tables = Array.from({ length: 205 }, (_, i) => `CREATE TABLE t${String(i + 1).padStart(3, '0')} (id int);`).join('\n');
  return folderWith({
    'a/001_a.sql': `${tables}\n`,
    'b/001_b.sql': "CREATE TABLE t001 (id bigint, extra text);\nCREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';\n",
    'parity.config.mjs': "export default { sources: { a: 'legacy:a', b: 'legacy:b' } };",
  });
}
const LEFT_OUT = (n: number, shown: number) => `… ${n} more differences not shown (the first ${shown} of 207): --limit 0 shows them all, --summary counts them, --format json lists them all.`;

describe('parity diff with thousands of differences', () => {
  it('caps the text and markdown reports (default 200, --limit N, --limit 0 for all) and says what was left out; the JSON lists every one', async () => {
    const dir = project();
    const diff = (...args: string[]) => runMain(['diff', 'a', 'b', ...args], { cwd: dir, env: { PARITY_DATABASE_URL: testServer().adminUrl } });

    const three = await diff('--limit', '3');
    expect([three.code, three.stderr, three.stdout]).toEqual([
      1,
      '',
      ['a vs b: 207 differences (207 drift, 0 cosmetic)', '', 'Tables only in a:', '  - public.t002 (id)', '  - public.t003 (id)', '  - public.t004 (id)', '', LEFT_OUT(204, 3), ''].join('\n'),
    ]);

    const all = await diff('--limit', '0');
    const capped = await diff();
    const allLines = all.stdout.trimEnd().split('\n');
    const cappedLines = capped.stdout.trimEnd().split('\n');
    expect(capped.code).toBe(1);
    // the header counts all of them, as the uncapped report's does
    expect(cappedLines[0]).toBe(allLines[0]);
    expect(cappedLines.slice(0, 203)).toEqual(allLines.slice(0, 203)); // header, blank, title, the first 200
    expect(cappedLines.slice(203)).toEqual(['', LEFT_OUT(7, 200)]);
    expect(allLines).toHaveLength(2 + 1 + 204 + 8 + 2); // every table, then t001's two columns (each with its hint) and f()
    expect(all.stdout).not.toContain('not shown');

    const json = await diff('--format', 'json');
    expect(JSON.parse(json.stdout).differences).toHaveLength(207);

    const markdown = await diff('--format', 'markdown', '--limit', '3');
    expect(markdown.stdout).toBe(
      [
        '### a vs b',
        '',
        '❌ **Drift**: 207 of 207 differences fail the check.',
        '',
        '| object | only in a | only in b | changed |',
        '|---|---:|---:|---:|',
        '| table | 204 | 0 | 0 |',
        '| column | 0 | 1 | 1 |',
        '| function | 0 | 1 | 0 |',
        '',
        '<details open><summary>Details</summary>',
        '',
        '```diff',
        three.stdout.trimEnd(),
        '```',
        '',
        '</details>',
        '',
      ].join('\n'),
    );
  });

  it('--summary counts differences per object kind and severity', async () => {
    const dir = project();
    const diff = (...args: string[]) => runMain(['diff', 'a', 'b', '--summary', ...args], { cwd: dir, env: { PARITY_DATABASE_URL: testServer().adminUrl } });
    const text = await diff();
    expect([text.code, text.stdout]).toEqual([
      1,
      [
        'a vs b: 207 differences (207 drift, 0 cosmetic)',
        '',
        'object    only in a  only in b  changed  drift  cosmetic',
        'table           204          0        0    204         0',
        'column            0          1        1      2         0',
        'function          0          1        0      1         0',
        'total           204          2        1    207         0',
        '',
      ].join('\n'),
    ]);
    const markdown = await diff('--format', 'markdown');
    expect(markdown.stdout).toBe(
      [
        '### a vs b',
        '',
        'a vs b: 207 differences (207 drift, 0 cosmetic)',
        '',
        '| object | only in a | only in b | changed | drift | cosmetic |',
        '|---|---:|---:|---:|---:|---:|',
        '| table | 204 | 0 | 0 | 204 | 0 |',
        '| column | 0 | 1 | 1 | 2 | 0 |',
        '| function | 0 | 1 | 0 | 1 | 0 |',
        '| total | 204 | 2 | 1 | 207 | 0 |',
        '',
      ].join('\n'),
    );
  });

  it('refuses a --limit that is not a number, and --summary or --limit with --format json (which is always complete)', async () => {
    const dir = project();
    const bad = await runMain(['diff', 'a', 'b', '--limit', 'ten'], { cwd: dir });
    expect([bad.code, bad.stderr]).toEqual([2, 'parity diff: --limit ten: expected a whole number of differences to show (0 shows all; default 200)\n']);
    const json = await runMain(['diff', 'a', 'b', '--summary', '--format', 'json'], { cwd: dir });
    expect([json.code, json.stderr]).toEqual([2, 'parity diff: --summary is for the text and markdown reports: --format json always lists every difference, with its counts\n']);
  });
});
