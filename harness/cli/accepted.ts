import { relative, resolve } from 'node:path';
import { applyAccepted, type AcceptedOutcome } from '../accept/apply.js';
import { DEFAULT_ACCEPTED_FILE, readAcceptedFile } from '../accept/file.js';
import { acceptedLines } from '../accept/report.js';
import { fails, type Comparison } from '../compare/types.js';
import type { LoadedConfig } from '../config/load.js';

/** The project's accepted-drift file: the config's `accepted`, else parity.accepted.json beside it. */
export function acceptedFileOf(config: LoadedConfig): { file: string; shown: string } {
  const file = resolve(config.root, config.accepted ?? DEFAULT_ACCEPTED_FILE);
  return { file, shown: relative(process.cwd(), file) || file };
}

/** A pair's comparison with its accepted differences taken out, and whether it fails. */
export function judgePair(comparison: Comparison, pair: readonly [string, string], config: LoadedConfig, strict = false): AcceptedOutcome & { failed: boolean; lines: string[] } {
  const { file, shown } = acceptedFileOf(config);
  const outcome = applyAccepted(comparison, pair, readAcceptedFile(file, shown));
  return { ...outcome, failed: fails(outcome.comparison, strict) || outcome.problems.length > 0, lines: acceptedLines(outcome, shown) };
}
