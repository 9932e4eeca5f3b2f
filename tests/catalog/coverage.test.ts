import { describe, expect, it } from 'vitest';
import { COVERED_KINDS } from '../../harness/catalog/kinds.js';
import { takeSnapshot } from '../../harness/catalog/snapshot.js';
import { compare } from '../../harness/compare/compare.js';
import { jsonReport } from '../../harness/compare/report-json.js';
import { markdownReport } from '../../harness/compare/report-markdown.js';
import { textReport } from '../../harness/compare/report-text.js';
import { snapshotOf } from '../support/catalog.js';
import { scratchDatabase } from '../support/scratch.js';
import { EVERY_KIND } from '../support/every-kind.js';

/** The kinds the snapshot does not describe yet: what the guard must report, and nothing else. */
const NOT_COMPARED = ['default privileges', 'shell type', 'subscription', 'user mapping'];

describe('the coverage guard', () => {
  it('reports exactly the kinds of user objects the snapshot does not compare, one entry per object', async () => {
    const db = await scratchDatabase('coverage', Object.values(EVERY_KIND).join(';\n'));
    try {
      const snapshot = await takeSnapshot(db.client);
      const kinds = snapshot.notCompared.map((o) => o.kind);
      expect([...new Set(kinds)]).toEqual(NOT_COMPARED);
      // every kind made above is either compared or reported
      for (const kind of Object.keys(EVERY_KIND)) expect(COVERED_KINDS.includes(kind) !== NOT_COMPARED.includes(kind), kind).toBe(true);
      expect(snapshot.notCompared.filter((o) => o.kind !== 'default privileges')).toEqual([
        { kind: 'shell type', identity: 'public.shell' },
        { kind: 'subscription', identity: 'sub' },
        { kind: 'user mapping', identity: expect.stringMatching(/ on server srv$/) },
      ]);
      expect([snapshot.accessMethods, snapshot.languages, snapshot.conversions]).toEqual([
        [{ name: 'heap2', type: 'table', handler: 'heap_tableam_handler', comment: null }],
        [{ name: 'plsame', trusted: false, handler: 'plpgsql_call_handler', inline: null, validator: null, comment: null }],
        [{ schema: 'public', name: 'conv', source: 'LATIN1', target: 'UTF8', function: 'iso8859_1_to_utf8', default: false, comment: null }],
      ]);
      // the operator class made its family too: both compared
      expect(snapshot.operatorFamilies.map((f) => `${f.name} ${f.method}`)).toEqual(['fam btree', 'int_ops2 hash']);
    } finally {
      await db.client.query('DROP SUBSCRIPTION sub');
      await db.drop();
    }
  });

  it('never reports objects of extensions, of ignored schemas or of ignored tables', async () => {
    const snapshot = await snapshotOf(
      `CREATE EXTENSION citext; CREATE SCHEMA drizzle; CREATE TYPE drizzle.shell;
       CREATE TABLE schema_migrations (v text); CREATE FOREIGN DATA WRAPPER w; CREATE SERVER s FOREIGN DATA WRAPPER w;
       CREATE FOREIGN TABLE ignored_ft (v text CHECK (v <> '')) SERVER s; CREATE TRIGGER ignored_tg BEFORE INSERT ON ignored_ft FOR EACH ROW EXECUTE FUNCTION suppress_redundant_updates_trigger();
       CREATE FOREIGN TABLE ft (v text CHECK (v <> '')) SERVER s; CREATE TYPE shell`,
      { ignore: { tables: ['schema_migrations', 'ignored_ft'] } },
    );
    expect(snapshot.notCompared).toEqual([{ kind: 'shell type', identity: 'public.shell' }]);
    expect(snapshot.foreignTables.map((t) => [t.name, t.constraints])).toEqual([['ft', ['ft_v_check CHECK ((v <> \'\'::text))']]]);
  });

  it('every report format lists what is not compared, with a warning, even when the verdict is equal', async () => {
    const a = await snapshotOf('CREATE TYPE shell');
    const b = await snapshotOf('CREATE TYPE shell; CREATE TYPE shell2');
    const comparison = compare(a, b);
    expect(comparison.differences).toEqual([]);
    expect(comparison.notCompared).toEqual([
      { kind: 'shell type', identity: 'public.shell', in: 'both' },
      { kind: 'shell type', identity: 'public.shell2', in: 'b' },
    ]);
    const warning = '2 objects of kinds schema-parity does not compare (shell type): the verdict says nothing about them (listed under "not compared")';
    expect(comparison.warnings).toEqual([warning]);
    const labels = { a: 'A', b: 'B' };
    expect(textReport(comparison, labels)).toBe(
      [
        'A and B: equal',
        `warning: ${warning}`,
        '',
        'Not compared (kinds schema-parity does not compare yet: check them by hand)',
        '  ? shell type public.shell  (in both)',
        '  ? shell type public.shell2  (only in B)',
      ].join('\n'),
    );
    const markdown = markdownReport(comparison, labels);
    expect(markdown).toContain('✅ Equal: no differences.');
    expect(markdown).toContain(`> ⚠️ 2 objects of kinds schema-parity does not compare (shell type): the verdict says nothing about them (listed under "not compared")`);
    expect(markdown).toContain('  ? shell type public.shell2  (only in B)');
    const json = JSON.parse(jsonReport(comparison, labels));
    expect([json.verdict, json.warnings, json.notCompared]).toEqual(['equal', [warning], comparison.notCompared]);
  });
});
