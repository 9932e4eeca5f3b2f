import { compare } from '../compare/compare.js';
import { jsonReport } from '../compare/report-json.js';
import { fails } from '../compare/types.js';
import type { LoadedConfig } from '../config/load.js';
import { resolveSource } from '../config/resolve.js';
import { rateDefaults } from './rate-defaults.js';
import { cappedMarkdownReport, cappedTextReport, parseLimit, summaryReport } from './report-size.js';
import type { Session } from './session.js';
import { maskSecretsIn } from '../util/redact.js';

export const REPORT_FORMATS = ['text', 'markdown', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** `parity diff <A> <B>`: exit 0 equal (cosmetic differences allowed unless --strict), 1 drift. */
export async function diffCommand(
  session: Session,
  config: LoadedConfig,
  positionals: string[],
  options: { format: string | undefined; strict: boolean; summary?: boolean; limit?: string },
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
  const comparison = await rateDefaults(session, compare(sa, sb, config.rules), sb, [a!, b!], config.rules);
  // as the user wrote them: a name, or a spec (passwords masked)
  const labels = { a: maskSecretsIn(positionals[0]!), b: maskSecretsIn(positionals[1]!) };
  const color = Boolean(process.stdout.isTTY);
  const report =
    format === 'json'
      ? jsonReport(comparison, labels)
      : options.summary
        ? `${summaryReport(comparison, labels, format)}\n`
        : format === 'markdown'
          ? cappedMarkdownReport(comparison, labels, limit)
          : `${cappedTextReport(comparison, labels, limit, color)}\n`;
  process.stdout.write(report);
  return fails(comparison, options.strict) ? 1 : 0;
}

