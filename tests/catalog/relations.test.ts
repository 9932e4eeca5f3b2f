import { describe, expect, it } from 'vitest';
import { snapshotOf, tableIn, viewIn } from '../support/catalog.js';

describe('catalog: sequences, views, policies, extensions', () => {
  it('describes sequences with options and owner, never their current value', async () => {
    const sql = `
      CREATE SEQUENCE invoice_no AS integer START 1000 INCREMENT 10 CACHE 5 CYCLE;
      CREATE TABLE t (id serial, n bigint GENERATED ALWAYS AS IDENTITY);
    `;
    const snapshot = await snapshotOf(sql);
    expect(snapshot.sequences).toEqual([
      { schema: 'public', name: 'invoice_no', type: 'integer', start: '1000', increment: '10', min: '1', max: '2147483647', cache: '5', cycle: true, unlogged: false, ownedBy: null, identity: false, comment: null },
      { schema: 'public', name: 't_id_seq', type: 'integer', start: '1', increment: '1', min: '1', max: '2147483647', cache: '1', cycle: false, unlogged: false, ownedBy: 'public.t.id', identity: false, comment: null },
      { schema: 'public', name: 't_n_seq', type: 'bigint', start: '1', increment: '1', min: '1', max: '9223372036854775807', cache: '1', cycle: false, unlogged: false, ownedBy: 'public.t.n', identity: true, comment: null },
    ]);
    const used = await snapshotOf(`${sql} SELECT nextval('invoice_no'); INSERT INTO t DEFAULT VALUES;`);
    expect(used).toEqual(snapshot);
  });

  it('describes views and materialized views by their deparsed definition, options, columns and indexes', async () => {
    const snapshot = await snapshotOf(`
      CREATE TABLE t (id int, name text);
      CREATE VIEW named WITH (security_barrier) AS SELECT id, upper(name) AS name FROM t WHERE name IS NOT NULL;
      CREATE MATERIALIZED VIEW counts AS SELECT count(*) AS n FROM t;
      CREATE UNIQUE INDEX counts_n ON counts (n);
    `);
    const named = viewIn(snapshot, 'named');
    expect([named.materialized, named.options, named.columns.map((c) => `${c.name} ${c.type}`)]).toEqual([false, ['security_barrier=true'], ['id integer', 'name text']]);
    // PG 15 and older qualify columns with the table name, PG 16+ does not
    expect(named.definition.join('\n')).toMatch(/^ SELECT (t\.)?id,\n {4}upper\((t\.)?name\) AS name\n {3}FROM public\.t\n {2}WHERE \((t\.)?name IS NOT NULL\);$/);
    const counts = viewIn(snapshot, 'counts');
    expect([counts.materialized, counts.indexes.map((i) => i.name)]).toEqual([true, ['counts_n']]);
  });

  it('describes row-level security policies', async () => {
    const snapshot = await snapshotOf(`
      CREATE TABLE notes (owner text, body text);
      ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
      CREATE POLICY own_notes ON notes FOR UPDATE USING (owner = current_user) WITH CHECK (length(body) < 100);
      CREATE POLICY deny_all ON notes AS RESTRICTIVE FOR DELETE TO public USING (false);
    `);
    expect(tableIn(snapshot, 'notes').policies).toEqual([
      { name: 'deny_all', command: 'DELETE', permissive: false, roles: ['public'], using: 'false', withCheck: null, comment: null },
      { name: 'own_notes', command: 'UPDATE', permissive: true, roles: ['public'], using: '(owner = CURRENT_USER)', withCheck: '(length(body) < 100)', comment: null },
    ]);
  });

  it('lists extensions but not the objects they own', async () => {
    const snapshot = await snapshotOf(`
      CREATE EXTENSION citext;
      CREATE TABLE users (email public.citext);
    `);
    expect(snapshot.extensions).toEqual([{ name: 'citext', schema: 'public', version: expect.any(String), comment: null }]);
    // citext brings ~100 functions and a type; none of them is ours to compare
    expect(snapshot.functions).toEqual([]);
    expect(tableIn(snapshot, 'users').columns[0]?.type).toBe('public.citext');
  });
});
