import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSnapshotFile, sameButMajor } from '../../harness/catalog/json.js';
import { runParity } from '../cli/run-parity.js';

const ROOT = join(import.meta.dirname, '..', '..');

describe('parity check on another major than the committed snapshots were taken on', () => {
  it('PARITY_PG_MAJOR=17: the snapshots taken on 15 match, each with a note saying so, and nothing else differs', async () => {
    const run = await runParity(['check', '--no-cache'], { cwd: ROOT, env: { PARITY_PG_MAJOR: '17' } });
    expect(run.stdout).toBe(
      [
        'verdict:',
        '  ✓ legacy = snapshots/legacy.snapshot.json (taken on PostgreSQL 15, built on 17)',
        '  ✓ baseline = snapshots/baseline.snapshot.json (taken on PostgreSQL 15, built on 17)',
        '  ✓ head = snapshots/head.snapshot.json (taken on PostgreSQL 15, built on 17)',
        '  ✓ production = snapshots/production.snapshot.json (taken on PostgreSQL 15, built on 17)',
        '  ✓ legacy = baseline',
        '  ✓ legacy = production',
        '',
      ].join('\n'),
    );
    expect(run.code).toBe(0);
  });
});

describe('sameButMajor', () => {
  it('only the major may differ: any other change, or the same major, is not a cross-major match', () => {
    const committed = readSnapshotFile(join(ROOT, 'snapshots', 'legacy.snapshot.json'));
    expect(sameButMajor(committed, { ...committed, postgresMajor: 18 })).toBe(true);
    expect(sameButMajor(committed, structuredClone(committed))).toBe(false);
    const changed = { ...structuredClone(committed), postgresMajor: 18 };
    changed.tables[0]!.comment = 'changed';
    expect(sameButMajor(committed, changed)).toBe(false);
  });
});
