import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { statementName } from '../../harness/catalog/query-runner.js';
import { branchConditions, catalogQuery } from '../../harness/catalog/queries.js';
import { takeSnapshot } from '../../harness/catalog/snapshot.js';
import { EVERY_KIND } from '../support/every-kind.js';
import { scratchDatabase } from '../support/scratch.js';

const EVERY_KIND_SQL = Object.values(EVERY_KIND).join(';\n');

/** The prepared statements of `client`'s session, by name. */
async function preparedOn(client: pg.Client): Promise<string[]> {
  return (await client.query<{ name: string }>('SELECT name FROM pg_prepared_statements ORDER BY name')).rows.map((r) => r.name);
}

describe('takeSnapshot({ prepared: true }): the catalog queries as prepared statements, for a connection that takes many snapshots', () => {
  it('gives the snapshot the default gives, the first time and when the statements are reused, with and without privileges', async () => {
    const db = await scratchDatabase('prepared every kind', EVERY_KIND_SQL);
    try {
      await db.client.query('DROP SUBSCRIPTION IF EXISTS sub');
      const plain = await takeSnapshot(db.client);
      const plainPrivileges = await takeSnapshot(db.client, { privileges: true });
      expect(await preparedOn(db.client)).toEqual([]);
      // seven times: the server plans a prepared statement anew (a custom plan) its first five times
      for (let i = 0; i < 7; i++) {
        expect(await takeSnapshot(db.client, { prepared: true })).toEqual(plain);
        expect(await takeSnapshot(db.client, { prepared: true, privileges: true })).toEqual(plainPrivileges);
      }
      const names = await preparedOn(db.client);
      expect(names.length).toBeGreaterThan(10);
      expect(names.every((name) => /^parity_[0-9a-f]{32}$/.test(name))).toBe(true);
    } finally {
      await db.drop();
    }
  });

  it('a reused statement reads the catalog as it is now: a change made between two snapshots is in the second', async () => {
    const db = await scratchDatabase('prepared change', 'CREATE TABLE t (id int PRIMARY KEY)');
    try {
      const before = await takeSnapshot(db.client, { prepared: true });
      for (let i = 0; i < 6; i++) await takeSnapshot(db.client, { prepared: true });
      await db.client.query('ALTER TABLE t ADD COLUMN note text; CREATE INDEX t_note ON t (note)');
      const after = await takeSnapshot(db.client, { prepared: true });
      expect(before.tables[0]!.columns.map((c) => c.name)).toEqual(['id']);
      expect(after.tables[0]!.columns.map((c) => c.name)).toEqual(['id', 'note']);
      expect(after.tables[0]!.indexes.map((i) => i.name)).toEqual(['t_note', 't_pkey']);
      expect(after).toEqual(await takeSnapshot(db.client));
    } finally {
      await db.drop();
    }
  });

  it('names a statement by its text: the same text the same name, another text (a version, a share, a branch) another', () => {
    const branches = branchConditions('not-compared').map((_, i) => i % 2 === 0);
    const texts = [
      catalogQuery('indexes', 150000),
      catalogQuery('indexes', 150000, { index: 0, of: 2 }),
      catalogQuery('indexes', 150000, { index: 1, of: 2 }),
      catalogQuery('views', 140000),
      catalogQuery('views', 180000),
      catalogQuery('not-compared', 150000),
      catalogQuery('not-compared', 150000, undefined, branches),
    ];
    expect(new Set(texts).size).toBe(texts.length);
    const names = texts.map(statementName);
    expect(new Set(names).size).toBe(texts.length);
    expect(texts.map((text) => statementName(`${text}`))).toEqual(names);
  });
});
