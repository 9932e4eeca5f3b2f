import { ident, qualifiedName } from '../catalog/identity.js';
import type { Snapshot } from '../catalog/model.js';
import type { Comparison, Difference, RuleLevel } from './types.js';

/**
 * Two column defaults that print differently (`now()` and `CURRENT_TIMESTAMP`, `0` and
 * `'0'::numeric`) may be the same value: only a server can tell. This half is pure: it lists the
 * questions and applies the answers; harness/evaluate asks the server, safely.
 */
export interface DefaultQuestion {
  difference: Difference;
  a: string;
  b: string;
  /** The column's type as B's snapshot spells it. */
  type: string;
}

/** What the server said: the same value, different values, or no answer (and why). */
export type DefaultAnswer = { same: boolean } | { unevaluated: string };

/** The default differences a server could judge, unless the rule says they are drift anyway. */
export function defaultQuestions(comparison: Comparison, b: Snapshot, level: RuleLevel = 'cosmetic'): DefaultQuestion[] {
  if (level === 'drift') return [];
  const questions: DefaultQuestion[] = [];
  for (const d of comparison.differences) {
    if (d.object !== 'column' || d.property !== 'default' || typeof d.a !== 'string' || typeof d.b !== 'string') continue;
    const type = columnType(b, d.path);
    if (type !== undefined) questions.push({ difference: d, a: d.a, b: d.b, type });
  }
  return questions;
}

/**
 * Equal pairs are re-rated under `level` (default: cosmetic); pairs the server could not judge
 * stay what they were, and a warning says how many and why — never silently equal.
 */
export function applyDefaultAnswers(comparison: Comparison, answers: ReadonlyMap<Difference, DefaultAnswer>, level: RuleLevel = 'cosmetic'): Comparison {
  const differences = comparison.differences.flatMap((d): Difference[] => {
    const answer = answers.get(d);
    if (!answer || !('same' in answer) || !answer.same) return [d];
    if (level === 'ignore') return [];
    return [{ ...d, severity: 'cosmetic', note: 'the server evaluates both to the same value' }];
  });
  const reasons = new Map<string, string[]>();
  for (const [d, answer] of answers) if ('unevaluated' in answer) reasons.set(answer.unevaluated, [...(reasons.get(answer.unevaluated) ?? []), d.path]);
  const warnings = [...reasons].map(([reason, paths]) => `default${paths.length > 1 ? 's' : ''} of ${paths.join(', ')} not evaluated (${reason}): compared as text`);
  return { ...comparison, differences, warnings: [...comparison.warnings, ...warnings] };
}

/**
 * The type of the column a difference's path names (paths as compare writes them: quoted where
 * needed); undefined for a generated column, whose expression is not a default (it names columns).
 */
function columnType(snapshot: Snapshot, path: string): string | undefined {
  for (const t of snapshot.tables) {
    const prefix = `${qualifiedName(t)}.`;
    if (!path.startsWith(prefix)) continue;
    const column = t.columns.find((c) => ident(c.name) === path.slice(prefix.length));
    if (column) return column.generated === null ? column.type : undefined;
  }
  return undefined;
}
