import { relative } from 'node:path';
import type { Difference } from '../compare/types.js';

/** GitHub shows at most 10 annotations of each kind per step (more are dropped silently). */
export const ANNOTATIONS_PER_KIND = 10;

/**
 * GitHub Actions workflow commands that annotate the migration line each difference came from
 * (`parity diff --blame`): drift as errors, cosmetic differences as warnings, at most 10 of each,
 * and a notice saying how many more the report has. `files` maps a difference to its file;
 * paths are written relative to `root` (GITHUB_WORKSPACE, the repository's checkout).
 */
export function annotationCommands(differences: readonly Difference[], files: ReadonlyMap<Difference, string>, root: string): string[] {
  const lines: string[] = [];
  let left = 0;
  for (const [severity, command] of [['drift', 'error'], ['cosmetic', 'warning']] as const) {
    const located = differences.filter((d) => d.severity === severity && d.blame && files.has(d));
    for (const d of located.slice(0, ANNOTATIONS_PER_KIND)) {
      const file = relative(root, files.get(d)!);
      const what = `${d.kind === 'changed' ? `${d.object} ${d.path} ${d.property ?? ''} changed` : `${d.object} ${d.path} only in ${d.kind === 'missing' ? 'A' : 'B'}`}`.replace(/\s+/g, ' ');
      lines.push(`::${command} file=${property(file)},line=${d.blame!.line},title=${property('schema-parity: introduced here')}::${data(`${what}${d.hint ? `. ${d.hint}` : ''}`)}`);
    }
    left += Math.max(0, located.length - ANNOTATIONS_PER_KIND);
  }
  if (left > 0) lines.push(`::notice::${data(`${left} more differences with a migration line are not annotated (GitHub shows ${ANNOTATIONS_PER_KIND} of each kind per step): see the report`)}`);
  return lines;
}

// the escapes GitHub's workflow commands read
const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const property = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
