import { compare } from '../compare/compare.js';
import { withHints } from '../compare/hints.js';
import { jsonReport } from '../compare/report-json.js';
import { junitReport } from '../compare/report-junit.js';
import { OBJECT_KINDS } from '../compare/types.js';
import type { LoadedConfig } from '../config/load.js';
import { resolveSource, sourceLabel } from '../config/resolve.js';
import { judgePair } from './accepted.js';
import { withBlame } from './blame.js';
import { annotationCommands } from '../github/annotations.js';
import type { Difference } from '../compare/types.js';
import { rateDefaults } from './rate-defaults.js';
import { cappedMarkdownReport, cappedTextReport, parseLimit, summaryReport } from './report-size.js';
import type { Session } from './session.js';

export const REPORT_FORMATS = ['text', 'markdown', 'json', 'junit'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/**
 * `parity diff <A> <B>`: exit 0 equal (cosmetic differences allowed unless --strict), 1 drift;
 * 2 with --strict-coverage when either side holds objects of kinds that are not compared.
 */
export async function diffCommand(
  session: Session,
  config: LoadedConfig,
  positionals: string[],
  options: { format: string | undefined; strict: boolean; summary?: boolean; limit?: string; strictCoverage?: boolean; blame?: boolean },
): Promise<number> {
  if (positionals.length !== 2) throw new Error(`expected two sources, got ${positionals.length}: parity diff <A> <B> [--format text|markdown|json] [--strict]`);
  const format = (options.format ?? 'text') as ReportFormat;
  if (!REPORT_FORMATS.includes(format)) throw new Error(`--format ${options.format}: expected one of ${REPORT_FORMATS.join(', ')}`);
  // the JSON report is for machines: always every difference (and its counts)
  if (format === 'json' && (options.summary || options.limit !== undefined)) {
    throw new Error(`--${options.summary ? 'summary' : 'limit'} is for the text and markdown reports: --format json always lists every difference, with its counts`);
  }
  const limit = parseLimit(options.limit);
  const [a, b] = positionals.map((spec) => resolveSource(spec, config));
  const [sa, sb] = [await session.snapshot(a!), await session.snapshot(b!)];
  const rated = withHints(await rateDefaults(session, compare(sa, sb, config.rules), sb, [a!, b!], config.rules), { a: a!.kind, b: b!.kind });
  // as the user wrote them: a name, or a spec (passwords masked)
  const labels = { a: sourceLabel(positionals[0]!, config), b: sourceLabel(positionals[1]!, config) };
  // differences accepted in the committed file are shown apart; what no longer holds there fails
  const judged = judgePair(rated, [labels.a, labels.b], config, options.strict);
  // --blame: each difference on a migration-folder side names the unit behind it
  const files = new Map<Difference, string>();
  const comparison = options.blame ? await withBlame(session, config, judged.comparison, positionals as [string, string], files) : judged.comparison;
  const color = Boolean(session.io.stdout.isTTY);
  const accepted = judged.lines.length > 0 ? `${judged.lines.join('\n')}\n` : '';
  const report =
    format === 'json'
      ? jsonReport(comparison, labels, { accepted: judged.accepted.map((x) => x.difference), acceptanceProblems: judged.problems })
      : format === 'junit'
        ? junitReport([{ labels, comparison: { ...comparison, warnings: [...comparison.warnings, ...judged.lines] } }], OBJECT_KINDS, { strict: options.strict })
        : options.summary
          ? `${summaryReport(comparison, labels, format)}\n${accepted}`
          : format === 'markdown'
            ? `${cappedMarkdownReport(comparison, labels, limit)}${accepted ? `\n${judged.lines.map((l) => `> ${l}`).join('\n')}\n` : ''}`
            : `${cappedTextReport(comparison, labels, limit, color)}\n${accepted}`;
  session.io.stdout.write(report);
  if (options.strictCoverage && comparison.notCompared.length > 0) {
    session.io.stderr.write(`parity diff: ${notComparedRefusal(comparison.notCompared.length)}\n`);
    return 2;
  }
  // in GitHub Actions, the text report's blamed differences also annotate their migration lines
  if (options.blame && format === 'text' && session.io.env.GITHUB_ACTIONS === 'true') {
    for (const line of annotationCommands(comparison.differences, files, session.io.env.GITHUB_WORKSPACE ?? session.io.cwd)) session.io.stdout.write(`${line}\n`);
  }
  return judged.failed ? 1 : 0;
}

/** The --strict-coverage failure, the same for every command. */
export function notComparedRefusal(count: number): string {
  return `--strict-coverage: ${count} object${count === 1 ? '' : 's'} of kinds schema-parity does not compare (listed under "not compared"); the verdict cannot cover them. Check them another way, or drop --strict-coverage / strictCoverage to accept the warning.`;
}

