import { splitStatements } from '../sql/statements.js';
import { lineAndColumnAt } from '../sql/position.js';
import type { ChainStep } from './chain.js';
import type { ObjectEntry } from './objects.js';

/**
 * The file line of the statement in `step` that made the change: among the statements that name
 * the object (and, for a column, index …, its table too when one does), the first for a creation
 * (the CREATE, not a later ALTER of it) and the last otherwise (the change that stuck). A unit in
 * which no statement names it (a DO block building the name, a rename elsewhere): its first line.
 */
export function statementLine(step: ChainStep, object: ObjectEntry, event: 'created' | 'altered' | 'dropped'): number {
  const statements = splitStatements(step.sql);
  const names = (words: string[], name: string) => words.some((w) => w === name || w.toLowerCase() === name.toLowerCase());
  const naming = statements.filter((s) => names(s.words, object.name));
  const withParent = object.parent ? naming.filter((s) => names(s.words, object.parent!)) : [];
  const candidates = withParent.length > 0 ? withParent : naming;
  const chosen = event === 'created' ? candidates[0] : candidates[candidates.length - 1];
  const start = chosen?.start ?? statements[0]?.start ?? 0;
  return step.line + lineAndColumnAt(step.sql, start).line - 1;
}
