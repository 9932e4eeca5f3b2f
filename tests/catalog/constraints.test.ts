import { describe, expect, it } from 'vitest';
import { snapshotOf, tableIn } from '../support/catalog.js';

describe('catalog: constraints', () => {
  it('describes primary key, unique, check, foreign key and exclusion constraints by the server', async () => {
    const snapshot = await snapshotOf(`
      CREATE TABLE parent (id int PRIMARY KEY, code text CONSTRAINT parent_code_key UNIQUE);
      CREATE TABLE child (
        id int CONSTRAINT child_pkey PRIMARY KEY,
        parent_id int CONSTRAINT child_parent_fk REFERENCES parent (id) ON DELETE CASCADE ON UPDATE SET NULL DEFERRABLE INITIALLY DEFERRED,
        qty int CONSTRAINT qty_positive CHECK (qty > 0),
        during tstzrange,
        CONSTRAINT no_overlap EXCLUDE USING gist (during WITH &&)
      );
      ALTER TABLE child ADD CONSTRAINT qty_small CHECK (qty < 1000) NOT VALID;
      COMMENT ON CONSTRAINT qty_positive ON child IS 'no zero orders';
    `);
    expect(tableIn(snapshot, 'child').constraints).toEqual([
      { name: 'child_parent_fk', type: 'foreign key', definition: 'FOREIGN KEY (parent_id) REFERENCES public.parent(id) ON UPDATE SET NULL ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED', local: null, comment: null },
      { name: 'child_pkey', type: 'primary key', definition: 'PRIMARY KEY (id)', local: null, comment: null },
      { name: 'no_overlap', type: 'exclusion', definition: 'EXCLUDE USING gist (during WITH &&)', local: null, comment: null },
      { name: 'qty_positive', type: 'check', definition: 'CHECK ((qty > 0))', local: null, comment: 'no zero orders' },
      { name: 'qty_small', type: 'check', definition: 'CHECK ((qty < 1000)) NOT VALID', local: null, comment: null },
    ]);
    expect(tableIn(snapshot, 'parent').constraints.map((c) => [c.name, c.type])).toEqual([
      ['parent_code_key', 'unique'],
      ['parent_pkey', 'primary key'],
    ]);
  });

  it('keeps NOT NULL on the column, never as a constraint (PG 18 stores it as contype n)', async () => {
    const snapshot = await snapshotOf('CREATE TABLE t (a int NOT NULL, b int);');
    const t = tableIn(snapshot, 't');
    expect(t.constraints).toEqual([]);
    expect(t.columns.map((c) => [c.name, c.notNull])).toEqual([['a', true], ['b', false]]);
  });
});
