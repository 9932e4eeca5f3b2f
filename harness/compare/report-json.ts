import type { Comparison } from './types.js';
import type { ReportLabels } from './report-text.js';

export const REPORT_FORMAT_VERSION = 1;

/** For machines: every difference with both values, a verdict and counts; versioned. */
export function jsonReport(comparison: Comparison, labels: ReportLabels, extra: { accepted?: unknown[]; acceptanceProblems?: unknown[] } = {}): string {
  const drift = comparison.differences.filter((d) => d.severity === 'drift').length;
  const cosmetic = comparison.differences.length - drift;
  return `${JSON.stringify(
    {
      formatVersion: REPORT_FORMAT_VERSION,
      a: labels.a,
      b: labels.b,
      verdict: drift > 0 || extra.acceptanceProblems?.length ? 'drift' : cosmetic > 0 ? 'cosmetic' : 'equal',
      counts: { drift, cosmetic },
      warnings: comparison.warnings,
      differences: comparison.differences,
      notCompared: comparison.notCompared,
      // differences accepted in the committed file, and accepted ones that no longer hold
      ...(extra.accepted?.length ? { accepted: extra.accepted } : {}),
      ...(extra.acceptanceProblems?.length ? { acceptanceProblems: extra.acceptanceProblems } : {}),
    },
    null,
    2,
  )}\n`;
}
