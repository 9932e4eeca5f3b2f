import { readFileSync, writeFileSync } from 'node:fs';
import { gateQuery } from '../../harness/catalog/queries.js';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../harness/catalog/model.js';
import { takeSnapshot } from '../../harness/catalog/snapshot.js';
import { compare } from '../../harness/compare/compare.js';
import { textReport } from '../../harness/compare/report-text.js';
import { withClient } from '../../harness/server/connect.js';
import { createDatabase, dropDatabase } from '../../harness/server/databases.js';
import { startServer } from '../../harness/server/index.js';
import { SUPPORTED_MAJORS } from '../../harness/server/postgres-versions.js';
import type { PostgresServer } from '../../harness/server/types.js';
import { replayLegacy } from '../../harness/sources/legacy.js';
import { folderWith } from '../support/folders.js';
import { testServer } from '../support/scratch.js';

const ROOT = join(import.meta.dirname, '..', '..');
const servers = new Map<number, PostgresServer>();
afterAll(async () => {
  for (const server of servers.values()) await server.stop();
});
// the run's own server where it is of the major asked (no second server of that major to start)
const run = testServer();

/**
 * The snapshot of the legacy chain plus `extra` SQL files, built on an embedded server of `major`;
 * the files' `-- pg>=N` lines as they read on `asOf` (so 15 builds what 14 can).
 */
async function builtAsOf(major: number, asOf: number, ...extra: string[]): Promise<Snapshot> {
  let server = major === run.major ? run : servers.get(major);
  if (!server) servers.set(major, (server = await startServer({ provider: 'embedded', major })));
  const db = await createDatabase(server, `cross-major ${major}`);
  try {
    return await withClient(server.urlFor(db), async (client) => {
      await replayLegacy(client, join(ROOT, 'migrations-legacy'));
      for (const file of extra) await client.query(gateQuery(readFileSync(file, 'utf8'), asOf * 10000));
      return takeSnapshot(client);
    });
  } finally {
    await dropDatabase(server, db);
  }
}

/** What 15 builds, once per file: the cases compare against the same few builds of 15. */
const builtOn15 = new Map<string, Promise<Snapshot>>();
const built = (major: number, ...extra: string[]) => {
  if (major !== 15) return builtAsOf(major, major, ...extra);
  const key = extra.join('\0');
  let snapshot = builtOn15.get(key);
  if (!snapshot) builtOn15.set(key, (snapshot = builtAsOf(15, 15, ...extra)));
  return snapshot;
};

const describeDifferences = (a: Snapshot, b: Snapshot) => compare(a, b).differences.map((d) => [d.kind, d.object, d.path, d.property].filter(Boolean).join(' '));
const OTHERS = SUPPORTED_MAJORS.filter((m) => m !== 15);

describe('the same schema built on every major 14–18 compares equal to 15', () => {
  const files = [join(ROOT, 'tests', 'compare', 'mutation-base.sql'), join(import.meta.dirname, 'cross-major.sql')];
  let on15: Snapshot;
  beforeAll(async () => {
    on15 = await built(15, ...files);
  }, 180_000);

  it.each(OTHERS)('the legacy chain on %i: no difference at all', async (major) => {
    const a = await built(15);
    const b = await built(major);
    expect(b.postgresMajor).toBe(major);
    expect(describeDifferences(a, b)).toEqual([]);
  });

  it.each(OTHERS)('legacy + mutation base + the deparse fixtures on %i: no difference at all, and the report notes the majors', async (major) => {
    const other = await built(major, ...files);
    // what 14 lacks (publication column lists, row filters, schemas) is left out of 15's build too
    const reference = major < 15 ? await builtAsOf(15, major, ...files) : on15;
    const comparison = compare(reference, other);
    expect(describeDifferences(reference, other), textReport(comparison, { a: '15', b: String(major) })).toEqual([]);
    expect(comparison.warnings.join('\n')).toMatch(new RegExp(`different PostgreSQL majors \\(15 and ${major}\\)`));
  });

  it.each(OTHERS)('views with sub-selects (scalar, EXISTS, IN, ARRAY, FROM, CTE, nested, CASE/HAVING, join) on %i: no difference at all', async (major) => {
    const views = join(import.meta.dirname, 'cross-major-subselect.sql');
    const [a, b] = [await built(15, views), await built(major, views)];
    expect(b.views.map((v) => v.name)).toEqual(['v_array', 'v_case', 'v_cte', 'v_exists', 'v_from_sub', 'v_join_sub', 'v_nested', 'v_same_name', 'v_sub']);
    expect(describeDifferences(a, b)).toEqual([]);
    expect(describeDifferences(b, a)).toEqual([]); // either side may be the older major
  });

  it('a real change in a sub-select view is still one, across 15 → 16: a qualifier on another relation, a column of the sub-select', async () => {
    const views = join(import.meta.dirname, 'cross-major-subselect.sql');
    const a = await built(15, views);
    const changed = join(folderWith({}), 'changed.sql');
    writeFileSync(
      changed,
      readFileSync(views, 'utf8')
        // the outer query's r.id becomes x.id inside the sub-select: another column
        .replace('WHERE x.id = r.id) AS c FROM public.requests r;', 'WHERE x.id = x.id) AS c FROM public.requests r;')
        // the sub-select's u.request_id becomes the outer query's request_id
        .replace('ARRAY(SELECT u.request_id FROM', 'ARRAY(SELECT requests.request_id FROM'),
    );
    const b = await built(16, changed);
    expect(describeDifferences(a, b)).toEqual(['changed view public.v_array definition', 'changed view public.v_sub definition']);
    expect(compare(a, b).warnings.join('\n')).toMatch(/different PostgreSQL majors \(15 and 16\): the server deparses some definitions differently between majors/);
  });
});
