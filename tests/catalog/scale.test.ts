import { describe, expect, it } from 'vitest';
import { takeSnapshot } from '../../harness/catalog/snapshot.js';
// @ts-expect-error — a plain .mjs script without types
import { createSyntheticSchema } from '../../scripts/synthetic-schema.mjs';
import { scratchDatabase } from '../support/scratch.js';

/** The benchmark's synthetic schema is what it claims to be (so the benchmark measures that). */
describe('synthetic schema of the benchmark', () => {
  it('has per table a uuid key, nine columns, a unique, a check, a foreign key, two indexes (one GIN), a trigger', async () => {
    const db = await scratchDatabase('synthetic');
    try {
      await createSyntheticSchema(db.client, 25);
      const snapshot = await takeSnapshot(db.client);
      expect(snapshot.tables).toHaveLength(25);
      expect(snapshot.enums.map((e) => e.name)).toEqual(['bench_status', 'bench_tier']);
      expect(snapshot.functions.map((f) => f.name)).toEqual(['bench_slug', 'bench_touch']);
      const t = snapshot.tables[1]!;
      expect(t.columns).toHaveLength(11);
      expect(t.columns[0]).toMatchObject({ name: 'id', type: 'uuid', default: 'gen_random_uuid()' });
      expect(t.constraints.map((c) => c.type).sort()).toEqual(['check', 'foreign key', 'primary key', 'unique']);
      expect(t.indexes.map((i) => i.method).sort()).toEqual(['btree', 'btree', 'btree', 'gin']);
      expect(t.triggers).toHaveLength(1);
    } finally {
      await db.drop();
    }
  });
});
