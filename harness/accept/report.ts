import type { AcceptedOutcome } from './apply.js';
import { REASON_TO_FILL_IN } from './file.js';

/**
 * The accepted differences, shown apart from the verdict, and the problems that fail it:
 * for the text and Markdown reports alike (plain lines).
 */
export function acceptedLines(outcome: Pick<AcceptedOutcome, 'accepted' | 'problems'>, file: string): string[] {
  const lines: string[] = [];
  if (outcome.accepted.length > 0) {
    lines.push(`accepted in ${file} (${outcome.accepted.length}; not failing the check):`);
    for (const { difference: d, entry } of outcome.accepted) {
      lines.push(`  = ${d.object} ${d.path}${d.property ? ` ${d.property}` : ''} (${d.kind})${entry.expires ? `, until ${entry.expires}` : ''}: ${entry.reason}`);
    }
    const unexplained = outcome.accepted.filter(({ entry }) => entry.reason === REASON_TO_FILL_IN || entry.reason.trim() === '').length;
    if (unexplained > 0) lines.push(`warning: ${unexplained} accepted difference${unexplained === 1 ? ' has' : 's have'} no reason yet: fill in "reason" in ${file}`);
  }
  for (const p of outcome.problems) {
    const what = `${p.entry.object} ${p.entry.path}${p.entry.property ? ` ${p.entry.property}` : ''} (${p.entry.kind})`;
    if (p.problem === 'gone') lines.push(`✗ accepted ${what} no longer occurs: remove it from ${file}`);
    else if (p.problem === 'expired') lines.push(`✗ accepted ${what} expired on ${p.entry.expires}: fix the drift, or accept it again with a new date`);
    else lines.push(`✗ accepted ${what} has changed since it was accepted (now ${JSON.stringify(p.now?.a)} → ${JSON.stringify(p.now?.b)}): review it, then run "parity accept" again`);
  }
  return lines;
}
