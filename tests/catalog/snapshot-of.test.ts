import { describe, expect, it } from 'vitest';
import { snapshotOf } from '../support/catalog.js';

/** The tests' snapshotOf shares one database per file: each call must still start from an empty one. */
describe('snapshotOf (tests/support/catalog.ts)', () => {
  it('sees what its SQL made, and nothing a call before it made', async () => {
    const first = await snapshotOf("CREATE TABLE t (a int); CREATE TYPE mood AS ENUM ('ok')");
    expect(first.tables.map((t) => t.name)).toEqual(['t']);
    expect(first.enums.map((e) => e.name)).toEqual(['mood']);
    // the same names again: they would already exist had the first call's SQL stayed
    const second = await snapshotOf("CREATE TABLE t (b int); CREATE TYPE mood AS ENUM ('ok')");
    expect(second.tables.map((t) => t.columns.map((c) => c.name))).toEqual([['b']]);
    const empty = await snapshotOf('');
    expect([empty.tables, empty.enums]).toEqual([[], []]);
  });

  it('calls made together each see their own SQL alone', async () => {
    const [a, b] = await Promise.all([snapshotOf('CREATE TABLE a (x int)'), snapshotOf('CREATE TABLE b (y int)')]);
    expect([a.tables.map((t) => t.name), b.tables.map((t) => t.name)]).toEqual([['a'], ['b']]);
  });

  it('a statement that fails leaves nothing behind either', async () => {
    await expect(snapshotOf('CREATE TABLE u (a int); CREATE TABLE u (a int)')).rejects.toThrow(/relation "u" already exists/);
    expect((await snapshotOf('')).tables).toEqual([]);
  });
});
