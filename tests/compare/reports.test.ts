import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compare } from '../../harness/compare/compare.js';
import { jsonReport } from '../../harness/compare/report-json.js';
import { markdownReport } from '../../harness/compare/report-markdown.js';
import { textReport } from '../../harness/compare/report-text.js';
import { danglingReferences } from '../../harness/lint/dangling.js';
import { resolveCatalog } from '../../harness/vitest/matchers.js';
import { snapshotOf } from '../support/catalog.js';

const ROOT = join(import.meta.dirname, '..', '..');

describe('reports', () => {
  it('say so when the snapshots come from different PostgreSQL majors', async () => {
    const a = await snapshotOf('CREATE TABLE t (id int)');
    const b = { ...structuredClone(a), postgresMajor: a.postgresMajor + 2 };
    const comparison = compare(a, b);
    expect(comparison.differences).toEqual([]);
    expect(comparison.warnings).toEqual([expect.stringMatching(new RegExp(`different PostgreSQL majors \\(${a.postgresMajor} and ${a.postgresMajor + 2}\\)`))]);
    expect(textReport(comparison, { a: 'a', b: 'b' })).toContain('warning: the snapshots come from different PostgreSQL majors');
    expect(markdownReport(comparison, { a: 'a', b: 'b' })).toContain('Equal');
    expect(JSON.parse(jsonReport(comparison, { a: 'a', b: 'b' })).warnings).toHaveLength(1);
  });

  it('a materialized view is labelled "materialized view" in every format; new kinds get their own sections', async () => {
    const a = await snapshotOf('CREATE TABLE t (id int); CREATE MATERIALIZED VIEW mv AS SELECT id FROM t; CREATE VIEW v AS SELECT id FROM t');
    const b = await snapshotOf(`CREATE TABLE t (id int); CREATE MATERIALIZED VIEW mv AS SELECT id + 1 AS id FROM t; CREATE VIEW v AS SELECT id FROM t;
      CREATE PUBLICATION p FOR TABLE t; CREATE RULE keep AS ON DELETE TO t DO INSTEAD NOTHING`);
    const comparison = compare(a, b);
    const labels = { a: 'a', b: 'b' };
    const text = textReport(comparison, labels);
    // (one item, one line: the rule's line break written as \n, as every control character a report prints)
    expect(text).toMatch(/^a vs b: 3 differences \(3 drift, 0 cosmetic\)\n\npublic\.t\n  rules\n    \+ CREATE RULE keep AS\\n    ON DELETE TO public\.t DO INSTEAD NOTHING;  \(only in b\)\n\nMaterialized views\n  ~ public\.mv: definition\n/);
    expect(text).toMatch(/\n\nPublications\n  \+ p  \(only in b\)$/);
    expect(markdownReport(comparison, labels)).toContain('| materialized view | 0 | 0 | 1 |');
    expect(JSON.parse(jsonReport(comparison, labels)).differences.map((d: { object: string }) => d.object)).toEqual(['rule', 'materialized view', 'publication']);
  });

  it('text: grouped like the audit, a line diff for a changed function body, colour only when asked', async () => {
    const a = await snapshotOf(`CREATE TABLE gone (id int); CREATE TABLE t (id int, n text);
      CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$\nBEGIN\n  RETURN 1;\nEND\n$$`);
    const b = await snapshotOf(`CREATE TABLE t (id bigint, n text, extra date); CREATE TABLE fresh (x int);
      CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$\nBEGIN\n  RETURN 2;\nEND\n$$`);
    const comparison = compare(a, b);
    const text = textReport(comparison, { a: 'legacy', b: 'head' });
    expect(text).toBe(
      [
        'legacy vs head: 5 differences (5 drift, 0 cosmetic)',
        '',
        'Tables only in legacy:',
        '  - public.gone (id)',
        '',
        'Tables only in head:',
        '  + public.fresh (x)',
        '',
        'public.t',
        '  columns',
        '    + extra date  (only in head)',
        '    ~ id: type integer → bigint',
        '',
        'Functions',
        '  ~ public.f(): body',
        '      - legacy',
        '      + head',
        '',
        '',
        '        BEGIN',
        '      -   RETURN 1;',
        '      +   RETURN 2;',
        '        END',
        '',
      ].join('\n'),
    );
    expect(text).not.toContain('\u001b[');
    expect(textReport(comparison, { a: 'legacy', b: 'head' }, { color: true })).toContain('\u001b[31m-\u001b[0m');
  });

  it('markdown: a table of counts, then the details', async () => {
    const comparison = compare(await snapshotOf('CREATE TABLE t (id int)'), await snapshotOf('CREATE TABLE t (id int, n text); CREATE INDEX t_n ON t (n)'));
    const md = markdownReport(comparison, { a: 'legacy', b: 'production' });
    expect(md).toContain('❌ **Drift**: 2 of 2 differences fail the check.');
    expect(md).toContain('| object | only in legacy | only in production | changed |\n|---|---:|---:|---:|\n| column | 0 | 1 | 0 |\n| index | 0 | 1 | 0 |');
    expect(md).toContain('```diff\n');
  });
});

describe('parity lint on the legacy build', () => {
  it('reports exactly the audit\u2019s two functions that call nextval on dropped sequences', async () => {
    const { snapshot } = await resolveCatalog(`legacy:${join(ROOT, 'migrations-legacy')}`);
    expect(danglingReferences(snapshot)).toEqual([
      { in: 'public.generate_mock_request_id()', missing: 'mock_request_id_seq', use: 'nextval' },
      { in: 'public.generate_prod_request_id()', missing: 'prod_request_id_seq', use: 'nextval' },
    ]);
  });
});

describe('reports: a list of objects is written out, in the text and the markdown report', () => {
  it('a composite type whose attribute changed type', async () => {
    const [a, b] = await Promise.all([snapshotOf('CREATE TYPE comp AS (a int, b text)'), snapshotOf('CREATE TYPE comp AS (a int, b varchar)')]);
    const diff = compare(a, b);
    for (const report of [textReport(diff, { a: 'a', b: 'b' }), markdownReport(diff, { a: 'a', b: 'b' })]) {
      expect(report).not.toContain('[object Object]');
      expect(report).toContain('"type":"character varying"');
    }
  });
});

describe('reports: names and text from a catalog cannot forge or hide a line', () => {
  it('a newline in a name, terminal escapes in a comment: written as escapes; names that need quotes are quoted', async () => {
    const [a, b] = await Promise.all([
      snapshotOf('CREATE TABLE t (id int)'),
      snapshotOf(`CREATE TABLE t (id int); CREATE TABLE "evil\n  + public.spoofed (injected line)" (id int); COMMENT ON TABLE t IS E'hello\\x1b[2J\\x1b[31mRED'; CREATE SCHEMA "Public"; CREATE TABLE "Public".x (id int); CREATE TABLE public."a.b" (id int)`),
    ]);
    const diff = compare(a, b);
    for (const report of [textReport(diff, { a: 'a', b: 'b' }), markdownReport(diff, { a: 'a', b: 'b' })]) {
      expect(report).not.toMatch(/^\s*\+ public\.spoofed/m);
      expect(report).not.toContain('\x1b');
      expect(report).toContain('evil\\n  + public.spoofed');
      expect(report).toContain('\\x1b[2J');
    }
    const text = textReport(diff, { a: 'a', b: 'b' });
    expect(text).toContain('+ "Public".x (id)');
    expect(text).toContain('+ public."a.b" (id)');
  });
});
