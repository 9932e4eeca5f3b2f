import { notComparedLines, textReport, type ReportLabels } from './report-text.js';
import type { Comparison, ObjectKind } from './types.js';
import { visibleComparison } from './visible.js';

/** For CI job summaries and PR comments: a table of counts, then the text report as details. */
export function markdownReport(shown: Comparison, labels: ReportLabels): string {
  const comparison = visibleComparison(shown);
  const { differences } = comparison;
  const title = `### ${escape(labels.a)} vs ${escape(labels.b)}`;
  const uncovered = comparison.notCompared.length > 0 ? ['', ...comparison.warnings.map((w) => `> ⚠️ ${escape(w)}`), '', '```', ...notComparedLines(comparison.notCompared, labels).slice(1), '```', ''] : [];
  if (differences.length === 0) return `${title}\n\n✅ Equal: no differences.\n${uncovered.join('\n')}`;
  const drift = differences.filter((d) => d.severity === 'drift').length;
  const kinds = [...new Set(differences.map((d) => d.object))] as ObjectKind[];
  const rows = kinds.map((object) => {
    const of = differences.filter((d) => d.object === object);
    const n = (kind: string) => of.filter((d) => d.kind === kind).length;
    return `| ${object} | ${n('missing')} | ${n('extra')} | ${n('changed')} |`;
  });
  return [
    title,
    '',
    drift > 0 ? `❌ **Drift**: ${drift} of ${differences.length} differences fail the check.` : `⚠️ ${differences.length} cosmetic differences (fail only with --strict).`,
    ...comparison.warnings.map((w) => `> ⚠️ ${escape(w)}`),
    '',
    `| object | only in ${escape(labels.a)} | only in ${escape(labels.b)} | changed |`,
    '|---|---:|---:|---:|',
    ...rows,
    '',
    '<details open><summary>Details</summary>',
    '',
    '```diff',
    textReport(comparison, labels).replaceAll('```', "'''"),
    '```',
    '',
    '</details>',
    '',
  ].join('\n');
}

function escape(text: string): string {
  return text.replace(/[|<>*_`[\]]/g, (c) => `\\${c}`);
}
