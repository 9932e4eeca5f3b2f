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
      { name: 'child_parent_fk', type: 'foreign key', definition: 'FOREIGN KEY (parent_id) REFERENCES public.parent(id) ON UPDATE SET NULL ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED', local: null, triggers: null, comment: null },
      { name: 'child_pkey', type: 'primary key', definition: 'PRIMARY KEY (id)', local: null, triggers: null, comment: null },
      { name: 'no_overlap', type: 'exclusion', definition: 'EXCLUDE USING gist (during WITH &&)', local: null, triggers: null, comment: null },
      { name: 'qty_positive', type: 'check', definition: 'CHECK ((qty > 0))', local: null, triggers: null, comment: 'no zero orders' },
      { name: 'qty_small', type: 'check', definition: 'CHECK ((qty < 1000)) NOT VALID', local: null, triggers: null, comment: null },
    ]);
    expect(tableIn(snapshot, 'parent').constraints.map((c) => [c.name, c.type])).toEqual([
      ['parent_code_key', 'unique'],
      ['parent_pkey', 'primary key'],
    ]);
  });

  it("records the internal triggers that enforce a key when they do not fire as usual (DISABLE TRIGGER ALL): the key is not enforced", async () => {
    const base = 'CREATE TABLE r (a int PRIMARY KEY); CREATE TABLE t (a int CONSTRAINT fk REFERENCES r, b int CONSTRAINT u UNIQUE DEFERRABLE);';
    const triggers = async (sql: string) => tableIn(await snapshotOf(`${base} ${sql}`), 't').constraints.map((c) => [c.name, c.triggers]);
    expect(await triggers('')).toEqual([['fk', null], ['u', null]]);
    expect(await triggers('ALTER TABLE t DISABLE TRIGGER ALL')).toEqual([['fk', ['table: disabled']], ['u', ['table: disabled']]]);
    expect(await triggers('ALTER TABLE r DISABLE TRIGGER ALL')).toEqual([['fk', ['referenced table: disabled']], ['u', null]]);
    expect(await triggers('ALTER TABLE t DISABLE TRIGGER ALL; ALTER TABLE r DISABLE TRIGGER ALL; ALTER TABLE t ENABLE TRIGGER ALL')).toEqual([['fk', ['referenced table: disabled']], ['u', null]]);
    // only a constraint's own: DISABLE TRIGGER USER leaves them firing
    expect(await triggers('ALTER TABLE t DISABLE TRIGGER USER')).toEqual([['fk', null], ['u', null]]);
  });

  it('keeps NOT NULL on the column, never as a constraint (PG 18 stores it as contype n)', async () => {
    const snapshot = await snapshotOf('CREATE TABLE t (a int NOT NULL, b int);');
    const t = tableIn(snapshot, 't');
    expect(t.constraints).toEqual([]);
    expect(t.columns.map((c) => [c.name, c.notNull])).toEqual([['a', true], ['b', false]]);
  });
});
