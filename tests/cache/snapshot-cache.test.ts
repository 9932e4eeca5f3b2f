import { readdirSync, readFileSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSnapshot } from '../../harness/catalog/json.js';
import { SnapshotCache } from '../../harness/cache/snapshot-cache.js';
import { folderWith } from '../support/folders.js';

const SNAPSHOT = parseSnapshot(readFileSync(join(import.meta.dirname, '..', '..', 'snapshots', 'legacy.snapshot.json'), 'utf8'));
const key = (name: string) => name.repeat(64);
const keys = (dir: string) => readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name[0]).sort();

/** Dates a cache file `minutes` ago: when it was last used, as eviction sees it. */
function usedAgo(file: string, minutes: number): void {
  const at = new Date(Date.now() - minutes * 60_000);
  utimesSync(file, at, at);
}

describe('the snapshot cache is bounded: the entries least recently used go first', () => {
  it('keeps at most its number of entries; a hit is a use, so the entry read last stays', () => {
    const dir = folderWith({});
    const cache = new SnapshotCache(dir, () => {}, { entries: 3, bytes: Number.MAX_SAFE_INTEGER });
    for (const [at, name] of ['a', 'b', 'c'].entries()) {
      cache.set(key(name), SNAPSHOT);
      usedAgo(join(dir, `${key(name)}.json`), 30 - at); // a oldest, then b, then c
    }
    expect(keys(dir)).toEqual(['a', 'b', 'c']);
    expect(cache.get(key('a'))).toEqual(SNAPSHOT); // a is used now: b is the least recently used
    cache.set(key('d'), SNAPSHOT);
    expect(keys(dir)).toEqual(['a', 'c', 'd']);
  });

  it('keeps at most its bytes, and never the entry it just wrote', () => {
    const dir = folderWith({});
    const size = (name: string) => statSync(join(dir, `${key(name)}.json`)).size;
    new SnapshotCache(dir, () => {}).set(key('a'), SNAPSHOT);
    const cache = new SnapshotCache(dir, () => {}, { entries: 100, bytes: Math.floor(2.5 * size('a')) });
    usedAgo(join(dir, `${key('a')}.json`), 20);
    cache.set(key('b'), SNAPSHOT);
    usedAgo(join(dir, `${key('b')}.json`), 10);
    cache.set(key('c'), SNAPSHOT);
    expect(keys(dir)).toEqual(['b', 'c']);
    // a limit no entry fits: the one just written stays, alone
    new SnapshotCache(dir, () => {}, { entries: 100, bytes: 1 }).set(key('d'), SNAPSHOT);
    expect(keys(dir)).toEqual(['d']);
  });

  it("derived text is bounded within its own folder, apart from the snapshots (and a hit is a use)", () => {
    const dir = folderWith({});
    const cache = new SnapshotCache(dir, () => {}, { entries: 2, bytes: Number.MAX_SAFE_INTEGER });
    cache.set(key('s'), SNAPSHOT);
    for (const [at, name] of ['a', 'b'].entries()) {
      cache.setDerived('digests', key(name), 'f'.repeat(64));
      usedAgo(join(dir, 'digests', key(name)), 30 - at);
    }
    expect(cache.getDerived('digests', key('a'))).toBe('f'.repeat(64));
    cache.setDerived('digests', key('c'), 'f'.repeat(64));
    expect(keys(join(dir, 'digests'))).toEqual(['a', 'c']);
    expect(keys(dir)).toEqual(['s']);
  });
});
