import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayLegacy } from '../../harness/sources/legacy.js';
import { scratchDatabase, type ScratchDatabase } from '../support/scratch.js';
import { legacyFacts } from '../legacy-facts.cases.js';

export const LEGACY_DIR = join(import.meta.dirname, '..', '..', 'migrations-legacy');

/** The audit's statements about production, asserted one by one against a replay of 001–018. */
describe('migrations-legacy 001–018 build the audited production schema', () => {
  let db: ScratchDatabase;
  beforeAll(async () => {
    db = await scratchDatabase('legacy facts');
    const applied = await replayLegacy(db.client, LEGACY_DIR);
    expect(applied.map((m) => Number(m.version))).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
    expect(applied.at(-1)?.name).toBe('flow_metrics_thresholds_and_comments');
  });
  afterAll(async () => {
    await db?.drop();
  });

  it.each(legacyFacts.map((fact) => [fact.audit, fact] as const))('%s', async (_audit, fact) => {
    const { rows } = await db.client.query(fact.sql);
    expect(rows).toEqual(fact.expected);
  });

  it('records 18 migrations in schema_migrations, the last one flow_metrics_thresholds_and_comments', async () => {
    const { rows } = await db.client.query<{ n: number; last: string }>(
      'SELECT count(*)::int AS n, (SELECT name FROM schema_migrations ORDER BY version DESC LIMIT 1) AS last FROM schema_migrations',
    );
    expect(rows).toEqual([{ n: 18, last: 'flow_metrics_thresholds_and_comments' }]);
  });
});
