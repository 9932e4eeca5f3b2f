import { compare } from '../compare/compare.js';
import { jsonReport } from '../compare/report-json.js';
import { markdownReport } from '../compare/report-markdown.js';
import { textReport } from '../compare/report-text.js';
import { fails } from '../compare/types.js';
import type { LoadedConfig } from '../config/load.js';
import { resolveSource } from '../config/resolve.js';
import { rateDefaults } from './rate-defaults.js';
import type { Session } from './session.js';
import { maskSecretsIn } from '../util/redact.js';

export const REPORT_FORMATS = ['text', 'markdown', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/**
 * `parity diff <A> <B>`: exit 0 equal (cosmetic differences allowed unless --strict), 1 drift;
 * 2 with --strict-coverage when either side holds objects of kinds that are not compared.
 */
export async function diffCommand(session: Session, config: LoadedConfig, positionals: string[], options: { format: string | undefined; strict: boolean; strictCoverage?: boolean }): Promise<number> {
  if (positionals.length !== 2) throw new Error(`expected two sources, got ${positionals.length}: parity diff <A> <B> [--format text|markdown|json] [--strict]`);
  const format = (options.format ?? 'text') as ReportFormat;
  if (!REPORT_FORMATS.includes(format)) throw new Error(`--format ${options.format}: expected one of ${REPORT_FORMATS.join(', ')}`);
  const [a, b] = positionals.map((spec) => resolveSource(spec, config));
  const [sa, sb] = [await session.snapshot(a!), await session.snapshot(b!)];
  const comparison = await rateDefaults(session, compare(sa, sb, config.rules), sb, [a!, b!], config.rules);
  // as the user wrote them: a name, or a spec (passwords masked)
  const labels = { a: maskSecretsIn(positionals[0]!), b: maskSecretsIn(positionals[1]!) };
  const report =
    format === 'json' ? jsonReport(comparison, labels) : format === 'markdown' ? markdownReport(comparison, labels) : `${textReport(comparison, labels, { color: Boolean(process.stdout.isTTY) })}\n`;
  process.stdout.write(report);
  if (options.strictCoverage && comparison.notCompared.length > 0) {
    process.stderr.write(`parity diff: ${notComparedRefusal(comparison.notCompared.length)}\n`);
    return 2;
  }
  return fails(comparison, options.strict) ? 1 : 0;
}

/** The --strict-coverage failure, the same for every command. */
export function notComparedRefusal(count: number): string {
  return `--strict-coverage: ${count} object${count === 1 ? '' : 's'} of kinds schema-parity does not compare (listed under "not compared"); the verdict cannot cover them. Check them another way, or drop --strict-coverage / strictCoverage to accept the warning.`;
}

