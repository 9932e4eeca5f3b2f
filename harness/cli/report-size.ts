import { markdownReport } from '../compare/report-markdown.js';
import { textReport, type ReportLabels } from '../compare/report-text.js';
import type { Comparison, Difference } from '../compare/types.js';

/** How many differences a text or Markdown report shows unless --limit says otherwise. */
export const DEFAULT_LIMIT = 200;

/** `--limit N`: a whole number, 0 for all. */
export function parseLimit(value: string | undefined): number {
  if (value === undefined) return DEFAULT_LIMIT;
  if (!/^\d+$/.test(value)) throw new Error(`--limit ${value}: expected a whole number of differences to show (0 shows all; default ${DEFAULT_LIMIT})`);
  return Number(value);
}

/**
 * The text report of at most `limit` differences (the first, in the comparison's order), with the
 * header of all of them and a last line saying how many were left out and how to see them.
 */
export function cappedTextReport(comparison: Comparison, labels: ReportLabels, limit: number, color: boolean): string {
  const { differences } = comparison;
  if (limit === 0 || differences.length <= limit) return textReport(comparison, labels, { color });
  const [, ...body] = textReport({ ...comparison, differences: differences.slice(0, limit) }, labels, { color }).split('\n');
  return [header(differences, labels), ...body, '', leftOut(differences.length, limit)].join('\n');
}

/** The Markdown report: counts of all differences, details of the first `limit`. */
export function cappedMarkdownReport(comparison: Comparison, labels: ReportLabels, limit: number): string {
  const { differences } = comparison;
  if (limit === 0 || differences.length <= limit) return markdownReport(comparison, labels);
  // the counts table of all of them, with the details of the shown ones (markdownReport's own
  // details block, of the capped comparison) in place of the full details
  const counts = markdownReport(comparison, labels).split('\n<details open>')[0]!;
  const details = markdownReport({ ...comparison, differences: differences.slice(0, limit) }, labels).split('\n<details open>')[1]!;
  const shown = details.replace(/^(<summary>Details<\/summary>\n\n```diff\n)[^\n]*/, `$1${header(differences, labels).replaceAll('```', "'''")}`);
  return `${counts}\n<details open>${shown.replace(/\n```\n\n<\/details>/, `\n\n${leftOut(differences.length, limit)}\n\`\`\`\n\n</details>`)}`;
}

/** `--summary`: counts per object kind and severity, no details. */
export function summaryReport(comparison: Comparison, labels: ReportLabels, format: 'text' | 'markdown'): string {
  const { differences } = comparison;
  const kinds = [...new Set(differences.map((d) => d.object))];
  const row = (of: Difference[]) => {
    const n = (test: (d: Difference) => boolean) => String(of.filter(test).length);
    return [n((d) => d.kind === 'missing'), n((d) => d.kind === 'extra'), n((d) => d.kind === 'changed'), n((d) => d.severity === 'drift'), n((d) => d.severity === 'cosmetic')];
  };
  const columns = ['object', `only in ${labels.a}`, `only in ${labels.b}`, 'changed', 'drift', 'cosmetic'];
  const rows = [...kinds.map((kind) => [kind, ...row(differences.filter((d) => d.object === kind))]), ['total', ...row(differences)]];
  const warnings = comparison.warnings.map((w) => `warning: ${w}`);
  if (format === 'markdown') {
    const cell = (text: string) => text.replace(/[|<>*_`[\]]/g, (c) => `\\${c}`);
    return [
      `### ${cell(labels.a)} vs ${cell(labels.b)}`,
      '',
      ...(differences.length === 0 ? [] : [cell(header(differences, labels)), '']),
      differences.length === 0 ? '✅ Equal: no differences.' : `| ${columns.map(cell).join(' | ')} |\n|---|${'---:|'.repeat(columns.length - 1)}\n${rows.map((r) => `| ${r.map(cell).join(' | ')} |`).join('\n')}`,
      ...warnings.map((w) => `> ⚠️ ${cell(w)}`),
    ].join('\n');
  }
  if (differences.length === 0) return [`${labels.a} and ${labels.b}: equal`, ...warnings].join('\n');
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [header(differences, labels), ...warnings, '', line(columns), ...rows.map(line)].join('\n');
}

/** textReport's first line, for all of the differences (tests/cli/diff-size.test.ts holds them equal). */
function header(differences: Difference[], labels: ReportLabels): string {
  const drift = differences.filter((d) => d.severity === 'drift').length;
  return `${labels.a} vs ${labels.b}: ${differences.length} difference${differences.length === 1 ? '' : 's'} (${drift} drift, ${differences.length - drift} cosmetic)`;
}

function leftOut(total: number, limit: number): string {
  return `… ${total - limit} more difference${total - limit === 1 ? '' : 's'} not shown (the first ${limit} of ${total}): --limit 0 shows them all, --summary counts them, --format json lists them all.`;
}
