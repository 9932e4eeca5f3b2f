import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../util/write-atomic.js';
import { join } from 'node:path';

/** What happens to one file: created, already as it would be, left alone (it differs), or overwritten (--force). */
export type FileOutcome = 'create' | 'unchanged' | 'differs' | 'overwrite';

export interface PlannedFile {
  /** Relative to the project root, with `/`. */
  path: string;
  content: string;
  outcome: FileOutcome;
}

/** Each file's outcome, from what is on disk: a file that exists and differs is never overwritten without `force`. */
export function planFiles(root: string, files: Array<{ path: string; content: string }>, options: { force?: boolean } = {}): PlannedFile[] {
  return files.map(({ path, content }) => {
    const full = join(root, path);
    if (!existsSync(full)) return { path, content, outcome: 'create' };
    if (readFileSync(full, 'utf8') === content) return { path, content, outcome: 'unchanged' };
    return { path, content, outcome: options.force ? 'overwrite' : 'differs' };
  });
}

/** Writes the files to create or overwrite, each whole (a temp file renamed over it: never half-written). */
export function writeFiles(root: string, planned: PlannedFile[]): void {
  for (const file of planned) {
    if (file.outcome !== 'create' && file.outcome !== 'overwrite') continue;
    const full = join(root, file.path);
    writeFileAtomic(full, file.content);
  }
}
