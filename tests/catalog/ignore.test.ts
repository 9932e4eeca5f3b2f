import { describe, expect, it } from 'vitest';
import { takeSnapshot } from '../../harness/catalog/snapshot.js';
import { snapshotOf } from '../support/catalog.js';
import { scratchDatabase } from '../support/scratch.js';

const BOOKKEEPING = `
  CREATE TABLE schema_migrations (version bigint PRIMARY KEY, name text);
  CREATE SCHEMA drizzle;
  CREATE TABLE drizzle.__drizzle_migrations (id serial PRIMARY KEY, hash text NOT NULL, created_at bigint);
  CREATE TABLE app (id int PRIMARY KEY);
`;

describe('catalog: what a snapshot leaves out', () => {
  it('leaves out the migration tools\u2019 bookkeeping by default: schema_migrations and the drizzle schema', async () => {
    const snapshot = await snapshotOf(BOOKKEEPING);
    expect(snapshot.tables.map((t) => `${t.schema}.${t.name}`)).toEqual(['public.app']);
    expect(snapshot.schemas.map((s) => s.name)).toEqual(['public']);
    expect(snapshot.sequences).toEqual([]);
  });

  it('takes a configured ignore list instead: schemas, bare table names and schema.table names', async () => {
    const everything = await snapshotOf(BOOKKEEPING, { ignore: { schemas: [], tables: [] } });
    expect(everything.tables.map((t) => `${t.schema}.${t.name}`)).toEqual(['drizzle.__drizzle_migrations', 'public.app', 'public.schema_migrations']);
    expect(everything.sequences.map((s) => s.ownedBy)).toEqual(['drizzle.__drizzle_migrations.id']);
    const qualified = await snapshotOf(BOOKKEEPING, { ignore: { schemas: [], tables: ['drizzle.__drizzle_migrations', 'public.app'] } });
    expect(qualified.tables.map((t) => `${t.schema}.${t.name}`)).toEqual(['public.schema_migrations']);
    // the sequence goes with the table that owns it
    expect(qualified.sequences).toEqual([]);
  });

  it('does not depend on the session: search_path, role settings or an open transaction', async () => {
    const db = await scratchDatabase('catalog', `CREATE SCHEMA app; CREATE TYPE app.s AS ENUM ('a'); CREATE TABLE app.t (s app.s DEFAULT 'a', id int REFERENCES app.t2);`.replace('REFERENCES app.t2', ''));
    try {
      const plain = await takeSnapshot(db.client);
      await db.client.query("SET search_path = app, public; SET DateStyle = 'SQL, DMY'; SET extra_float_digits = 0");
      expect(await takeSnapshot(db.client)).toEqual(plain);
      expect(plain.tables[0]?.columns[0]?.default).toBe("'a'::app.s");
    } finally {
      await db.drop();
    }
  });

  it('cannot write: it runs in a read-only transaction and leaves none open', async () => {
    const db = await scratchDatabase('catalog', 'CREATE TABLE t (x int);');
    try {
      await takeSnapshot(db.client);
      const { rows } = await db.client.query<{ status: string }>("SELECT current_setting('transaction_read_only') AS status");
      expect(rows[0]?.status).toBe('off');
      await db.client.query('INSERT INTO t VALUES (1)');
    } finally {
      await db.drop();
    }
  });
});
