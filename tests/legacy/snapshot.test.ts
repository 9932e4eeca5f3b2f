import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSnapshot, serializeSnapshot } from '../../harness/catalog/json.js';
import { takeSnapshot } from '../../harness/catalog/snapshot.js';
import { withClient } from '../../harness/server/connect.js';
import { buildDatabase } from '../../harness/sources/build.js';
import { legacySource } from '../../harness/sources/legacy.js';
import { snapshotDiff } from '../../harness/compare/snapshot-diff.js';
import { testServer } from '../support/scratch.js';

const ROOT = join(import.meta.dirname, '..', '..');
const COMMITTED = join(ROOT, 'snapshots', 'legacy.snapshot.json');

async function snapshotOfLegacy(): Promise<string> {
  const built = await buildDatabase(testServer(), legacySource(join(ROOT, 'migrations-legacy')));
  try {
    return serializeSnapshot(await withClient(built.url, (client) => takeSnapshot(client)));
  } finally {
    await built.drop();
  }
}

describe('snapshots/legacy.snapshot.json', () => {
  it('is what a fresh replay of migrations-legacy builds, byte for byte, every time', async () => {
    const [first, second] = [await snapshotOfLegacy(), await snapshotOfLegacy()];
    expect(second).toBe(first);
    const committed = readFileSync(COMMITTED, 'utf8');
    const report = snapshotDiff(parseSnapshot(committed, COMMITTED), parseSnapshot(first), { expected: 'snapshots/legacy.snapshot.json', actual: 'fresh replay' }, false);
    // on drift: review the change, then `npx parity refresh` and commit the snapshot
    expect(report, report).toBeUndefined();
    expect(first).toBe(committed);
  });
});
