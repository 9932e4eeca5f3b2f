import { existsSync } from 'node:fs';
import { OutdatedSnapshotError, readSnapshotFile, sameButMajor, serializeSnapshot } from '../catalog/json.js';
import type { Snapshot } from '../catalog/model.js';
import { compare } from '../compare/compare.js';
import { textReport } from '../compare/report-text.js';
import { snapshotDiff } from '../compare/snapshot-diff.js';
import type { CompareRules, Comparison } from '../compare/types.js';

/**
 * What a committed snapshot file says about a fresh build of its source: the one verdict that
 * `parity check`, `parity refresh` and toMatchCatalogSnapshot each act on (check fails, refresh
 * writes, the matcher fails or writes under -u). A committed snapshot is matched byte for byte.
 * - `equal`: the same bytes;
 * - `other-major`: the same bytes but for the server major it was taken on (a match: nothing to
 *   write, and the note says so);
 * - `drift`: anything else; `comparison` is what differs structurally (it can be empty: then the
 *   difference is outside the compared objects, and `report` shows the line diff);
 * - `missing`: no file yet;
 * - `outdated`: a file an older schema-parity wrote (an older format version: not compared, rewritten).
 * A file that cannot be read at all (broken, hand-edited, a newer format) is an error, thrown.
 */
export type CommittedVerdict =
  | { kind: 'equal'; committed: Snapshot }
  | { kind: 'other-major'; committed: Snapshot; takenOn: number; builtOn: number }
  | { kind: 'drift'; committed: Snapshot; comparison: Comparison }
  | { kind: 'missing' }
  | { kind: 'outdated'; formatVersion: number; error: OutdatedSnapshotError };

/** The verdict of `file` on `actual`; `rules` shape only the drift's structural comparison. */
export function committedVerdict(file: string, actual: Snapshot, rules: Partial<CompareRules> = {}): CommittedVerdict {
  if (!existsSync(file)) return { kind: 'missing' };
  let committed: Snapshot;
  try {
    committed = readSnapshotFile(file);
  } catch (error) {
    if (error instanceof OutdatedSnapshotError) return { kind: 'outdated', formatVersion: error.formatVersion, error };
    throw error;
  }
  if (serializeSnapshot(committed) === serializeSnapshot(actual)) return { kind: 'equal', committed };
  if (sameButMajor(committed, actual)) return { kind: 'other-major', committed, takenOn: committed.postgresMajor, builtOn: actual.postgresMajor };
  return { kind: 'drift', committed, comparison: compare(committed, actual, rules) };
}

/** A match: nothing to fail, nothing to write. */
export function matches(verdict: CommittedVerdict): verdict is Extract<CommittedVerdict, { kind: 'equal' | 'other-major' }> {
  return verdict.kind === 'equal' || verdict.kind === 'other-major';
}

/** What a match adds to its line: ` (taken on PostgreSQL 15, built on 17)` for another major, else nothing. */
export function majorNote(verdict: CommittedVerdict): string {
  return verdict.kind === 'other-major' ? ` (taken on PostgreSQL ${verdict.takenOn}, built on ${verdict.builtOn})` : '';
}

/**
 * What a drift is: the structural report when compared objects differ, else the line diff of the
 * two files (the difference is somewhere compare does not look). `a` labels the committed file.
 */
export function driftReport(verdict: Extract<CommittedVerdict, { kind: 'drift' }>, actual: Snapshot, labels: { a: string; b: string }, color: boolean): string {
  return verdict.comparison.differences.length > 0
    ? textReport(verdict.comparison, labels, { color })
    : (snapshotDiff(verdict.committed, actual, { expected: labels.a, actual: labels.b }, color) ?? '');
}
