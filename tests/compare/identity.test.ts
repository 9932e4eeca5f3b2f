import { describe, expect, it } from 'vitest';
import { compare } from '../../harness/compare/compare.js';
import { DuplicateIdentityError, matchBy } from '../../harness/compare/match.js';
import { textReport } from '../../harness/compare/report-text.js';
import { snapshotOf } from '../support/catalog.js';

const summary = (d: { kind: string; object: string; path: string; property?: string }) => [d.kind, d.object, d.path, d.property].filter(Boolean).join(' ');

describe('compare: identities are unambiguous', () => {
  it('x."y.z" and "x.y".z are two tables, not one (and the paths say which is which)', async () => {
    const a = await snapshotOf('CREATE SCHEMA x; CREATE TABLE x."y.z" (a int)');
    const b = await snapshotOf('CREATE SCHEMA "x.y"; CREATE TABLE "x.y".z (a int)');
    expect(compare(a, b).differences.map(summary)).toEqual(['missing schema x', 'extra schema "x.y"', 'missing table x."y.z"', 'extra table "x.y".z']);
  });

  it('a column or part whose name holds a dot, a # or a quote is one object with a quoted path', async () => {
    const a = await snapshotOf('CREATE TABLE "t.u" ("a.b" int, c int, CONSTRAINT "k#1" CHECK (c > 0))');
    const b = await snapshotOf('CREATE TABLE "t.u" ("a.b" text, c int, CONSTRAINT "k#1" CHECK (c > 1))');
    const comparison = compare(a, b);
    expect(comparison.differences.map(summary)).toEqual(['changed column public."t.u"."a.b" type', 'changed constraint public."t.u"#"k#1" definition']);
    // the report groups both under their table and names them as the catalog does
    const report = textReport(comparison, { a: 'a', b: 'b' });
    expect(report).toContain('\npublic."t.u"\n  columns\n    ~ "a.b": type integer → text\n  constraints\n    ~ "k#1": definition');
  });

  it('a name that differs only in case is another object (a keyword stays bare: it cannot be mistaken)', async () => {
    const a = await snapshotOf('CREATE TABLE "Order" (id int); CREATE TABLE "say ""hi""" (id int)');
    const b = await snapshotOf('CREATE TABLE "order" (id int); CREATE TABLE "say ""hi""" (id int)');
    expect(compare(a, b).differences.map(summary)).toEqual(['missing table public."Order"', 'extra table public.order']);
  });
});

describe('matchBy refuses an identity listed twice', () => {
  it('in either list, naming the side, the key and what to do', () => {
    const key = (x: { k: string }) => x.k;
    expect(() => matchBy([{ k: 'public.t' }, { k: 'public.t' }], [], key, 'tables')).toThrow(
      new DuplicateIdentityError(
        'snapshot A lists public.t twice among its tables: a catalog cannot hold that, so the snapshot was edited or damaged. Restore it from git or run "parity refresh" and review the result.',
      ),
    );
    expect(() => matchBy([], [{ k: 'x' }, { k: 'x' }], key, 'schemas')).toThrow(/^snapshot B lists x twice among its schemas/);
  });

  it('a hand-edited snapshot with a table twice is refused by compare instead of losing one', async () => {
    const a = await snapshotOf('CREATE TABLE t (a int); CREATE TABLE u (a int)');
    const edited = { ...a, tables: [a.tables[0]!, { ...a.tables[1]!, name: 't', columns: [{ ...a.tables[1]!.columns[0]!, type: 'text' }] }] };
    expect(() => compare(a, edited)).toThrow(/^snapshot B lists public\.t twice among its tables/);
    const columns = { ...a, tables: [{ ...a.tables[0]!, columns: [a.tables[0]!.columns[0]!, a.tables[0]!.columns[0]!] }, a.tables[1]!] };
    expect(() => compare(columns, a)).toThrow(/^snapshot A lists a twice among its columns of public\.t/);
  });
});
