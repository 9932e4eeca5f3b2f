import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serializeSnapshot } from '../../harness/catalog/json.js';
import { resolveCatalog } from '../../harness/vitest/matchers.js';

const ROOT = join(import.meta.dirname, '..', '..');
const committed = (name: string) => join(ROOT, 'snapshots', `${name}.snapshot.json`);

/** The committed snapshots are the reviewed truth; `vitest -u` (or `parity refresh`) rewrites them. */
describe('committed snapshots', () => {
  it.each([
    ['legacy', `legacy:${join(ROOT, 'migrations-legacy')}`],
    ['baseline', `drizzle:${join(ROOT, 'drizzle', 'migrations')}@0002_triggers_and_comments`],
    ['head', `drizzle:${join(ROOT, 'drizzle', 'migrations')}`],
  ])('snapshots/%s.snapshot.json is what a fresh build makes', async (name, source) => {
    await expect(source).toMatchCatalogSnapshot(committed(name));
  });

  it('building twice gives byte-identical snapshots', async () => {
    const source = `legacy:${join(ROOT, 'migrations-legacy')}`;
    const [first, second] = [await resolveCatalog(source), await resolveCatalog(source)];
    expect(serializeSnapshot(second.snapshot)).toBe(serializeSnapshot(first.snapshot));
  });
});
