/** Where a difference's object got what it has on a migration-folder side (set by `parity diff --blame`). */
export interface BlameLocation {
  file: string;
  /** The file itself, absolute (for CI annotations); not in JSON reports' comparisons of paths. */
  path?: string;
  line: number;
}

/** `  (introduced by 013_x.sql:7)` after a report line, or nothing: one place for every text format. */
export function blameNote(d: { blame?: BlameLocation }): string {
  return d.blame ? `  (introduced by ${d.blame.file}:${d.blame.line})` : '';
}
