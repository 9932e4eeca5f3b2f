import { sameValue } from '../compare/match.js';
import type { Comparison, Difference } from '../compare/types.js';
import { keyOf, type AcceptedDifference } from './file.js';

/** An accepted difference that no longer holds: it fails the check until the file is mended. */
export interface AcceptanceProblem {
  entry: AcceptedDifference;
  problem: 'gone' | 'changed' | 'expired';
  /** For `changed`: the difference as it is now. */
  now?: Difference;
}

export interface AcceptedOutcome {
  /** What is left to judge: the differences nobody accepted. */
  comparison: Comparison;
  /** Differences that match an accepted one exactly (and have not expired), with the entry. */
  accepted: Array<{ difference: Difference; entry: AcceptedDifference }>;
  problems: AcceptanceProblem[];
}

/**
 * Takes the accepted differences of `pair` out of `comparison`. The list can only shrink: an
 * accepted difference that no longer occurs, whose values changed, or whose date has passed is a
 * problem that fails the check, just like a difference nobody accepted.
 */
export function applyAccepted(comparison: Comparison, pair: readonly [string, string], entries: readonly AcceptedDifference[], today: string = isoDate(new Date())): AcceptedOutcome {
  const mine = entries.filter((e) => e.pair[0] === pair[0] && e.pair[1] === pair[1]);
  const byKey = new Map(mine.map((e) => [keyOf(e), e]));
  const used = new Set<AcceptedDifference>();
  const accepted: AcceptedOutcome['accepted'] = [];
  const problems: AcceptanceProblem[] = [];
  const remaining = comparison.differences.filter((d) => {
    const entry = byKey.get(keyOf({ pair: [pair[0], pair[1]], kind: d.kind, object: d.object, path: d.path, property: d.property }));
    if (!entry) return true;
    used.add(entry);
    if (!sameValue(entry.a ?? null, d.a ?? null) || !sameValue(entry.b ?? null, d.b ?? null)) {
      problems.push({ entry, problem: 'changed', now: d });
      return true;
    }
    if (entry.expires && entry.expires <= today) {
      problems.push({ entry, problem: 'expired' });
      return true;
    }
    accepted.push({ difference: d, entry });
    return false;
  });
  for (const entry of mine) if (!used.has(entry)) problems.push({ entry, problem: 'gone' });
  return { comparison: { ...comparison, differences: remaining }, accepted, problems };
}

/** The accepted form of a difference of `pair` (values as they are now, a reason to fill in). */
export function toAccepted(d: Difference, pair: readonly [string, string], reason: string, expires: string | null): AcceptedDifference {
  return {
    pair: [pair[0], pair[1]],
    kind: d.kind,
    object: d.object,
    path: d.path,
    ...(d.property !== undefined ? { property: d.property } : {}),
    a: d.a ?? null,
    b: d.b ?? null,
    reason,
    expires,
  };
}

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
