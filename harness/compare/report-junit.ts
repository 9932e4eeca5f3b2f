import { blameNote } from '../blame/note.js';
import { describeObject } from './describe.js';
import type { ReportLabels } from './report-text.js';
import type { Comparison, Difference } from './types.js';

/** One compared pair, as the JUnit report shows it: a test suite. */
export interface JunitPair {
  labels: ReportLabels;
  comparison: Comparison;
}

/**
 * JUnit XML for any CI's test tab: one test suite per compared pair, one test case per object
 * kind (`kinds`, so the kinds that agree show as passed), a failure listing the differences that
 * fail (drift; everything with `strict`); cosmetic ones go to the case's system-out. The pair's
 * warnings go to the suite's system-err.
 */
export function junitReport(pairs: readonly JunitPair[], kinds: readonly string[], options: { strict?: boolean } = {}): string {
  const failing = (d: Difference) => options.strict || d.severity === 'drift';
  const suites = pairs.map(({ labels, comparison }) => {
    const name = `${labels.a} vs ${labels.b}`;
    const present = [...new Set([...kinds, ...comparison.differences.map((d) => d.object)])];
    const cases = present.map((kind) => {
      const of = comparison.differences.filter((d) => d.object === kind);
      const failed = of.filter(failing);
      const passed = of.filter((d) => !failing(d));
      const body = [
        failed.length > 0 ? `      <failure type="drift" message="${attr(`${failed.length} ${kind} difference${failed.length === 1 ? '' : 's'}`)}">${text(failed.map(line).join('\n'))}</failure>` : '',
        passed.length > 0 ? `      <system-out>${text(passed.map(line).join('\n'))}</system-out>` : '',
      ].filter(Boolean);
      const open = `    <testcase classname="${attr(name)}" name="${attr(kind)}"`;
      return body.length === 0 ? `${open}/>` : `${open}>\n${body.join('\n')}\n    </testcase>`;
    });
    const failures = present.filter((kind) => comparison.differences.some((d) => d.object === kind && failing(d))).length;
    const err = comparison.warnings.length > 0 ? [`    <system-err>${text(comparison.warnings.join('\n'))}</system-err>`] : [];
    return [`  <testsuite name="${attr(name)}" tests="${present.length}" failures="${failures}" errors="0" skipped="0">`, ...cases, ...err, '  </testsuite>'].join('\n');
  });
  const tests = pairs.reduce((n, p) => n + new Set([...kinds, ...p.comparison.differences.map((d) => d.object)]).size, 0);
  const failures = pairs.reduce((n, p) => n + new Set(p.comparison.differences.filter(failing).map((d) => d.object)).size, 0);
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="schema-parity" tests="${tests}" failures="${failures}" errors="0">`, ...suites, '</testsuites>', ''].join('\n');
}

function line(d: Difference): string {
  const sign = d.kind === 'missing' ? '-' : d.kind === 'extra' ? '+' : '~';
  if (d.kind !== 'changed') return `${sign} ${d.path}: ${describeObject(d)}${blameNote(d)}`;
  return `${sign} ${d.path} ${d.property}: ${show(d.a)} → ${show(d.b)}${d.note ? ` (${d.note})` : ''}${blameNote(d)}`;
}

function show(value: unknown): string {
  if (value === null || value === undefined) return '(none)';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Text content: escaped, and without the control characters XML 1.0 cannot hold. */
function text(value: string): string {
  return value
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;');
}
