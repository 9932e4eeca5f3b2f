import type { diff as jestDiff } from 'jest-diff';
import { lazyRequire } from '../util/lazy-require.js';
import { serializeSnapshot } from '../catalog/json.js';
import type { Snapshot } from '../catalog/model.js';

/**
 * A line diff of two snapshots' canonical JSON (one fact per line, so it reads like a review), or
 * undefined when they serialize to the same bytes. For committed snapshot files, which must match
 * byte for byte; `compare` is the structural verdict.
 */
export function snapshotDiff(expected: Snapshot, actual: Snapshot, labels: { expected: string; actual: string }, color: boolean): string | undefined {
  const a = serializeSnapshot(expected);
  const b = serializeSnapshot(actual);
  if (a === b) return undefined;
  const identity = (s: string) => s;
  const { diff } = lazyRequire('jest-diff') as { diff: typeof jestDiff };
  return (
    diff(a, b, {
      aAnnotation: labels.expected,
      bAnnotation: labels.actual,
      contextLines: 3,
      expand: false,
      ...(color ? {} : { aColor: identity, bColor: identity, changeColor: identity, commonColor: identity, patchColor: identity }),
    }) ?? 'snapshots differ'
  );
}
