import { relative } from 'node:path';
import type { Snapshot } from '../catalog/index.js';
import { snapshotFileOf } from '../committed/file.js';
import { committedVerdict, driftReport, majorNote, matches } from '../committed/verdict.js';
import { compare } from '../compare/compare.js';
import { withHints } from '../compare/hints.js';
import { textReport } from '../compare/report-text.js';
import { junitReport, type JunitPair } from '../compare/report-junit.js';
import { fails, OBJECT_KINDS } from '../compare/types.js';
import type { LoadedConfig } from '../config/load.js';
import { resolveSource } from '../config/resolve.js';
import type { Source } from '../sources/source.js';
import { judgePair } from './accepted.js';
import { withBlame } from './blame.js';
import { notComparedRefusal } from './diff.js';
import { rateDefaults } from './rate-defaults.js';
import type { Session } from './session.js';

/**
 * `parity check`: builds each source that has a committed snapshot and each source of an
 * `equal` group, compares every one with its committed snapshot (the reviewed truth: byte for
 * byte) and the members of each group with each other. `parity refresh` (refresh.ts) is the only
 * writer of the committed snapshots.
 */
export async function checkCommand(session: Session, config: LoadedConfig, options: { strict?: boolean; format?: string; strictCoverage?: boolean; blame?: boolean }): Promise<number> {
  if (options.format !== undefined && options.format !== 'text' && options.format !== 'junit') throw new Error(`--format ${options.format}: expected text or junit`);
  const junit = options.format === 'junit';
  // with --format junit, stdout is the XML alone
  const out = (text: string) => (junit ? undefined : session.io.stdout.write(text));
  const pairs: JunitPair[] = [];
  const names = Object.keys(config.sources);
  if (names.length === 0) {
    throw new Error(`no sources to check in ${config.root}: add parity.config.ts with named sources, or a migrations-legacy/ folder`);
  }
  const withSnapshot = config.snapshots ?? names;
  const groups = config.equal ?? [];
  const needed = [...new Set([...withSnapshot, ...groups.flat()])];
  const color = Boolean(session.io.stdout.isTTY);
  const verdicts: string[] = [];
  const built = new Map<string, { snapshot: Snapshot; source: Source }>();
  let drift = false;

  // every source at once: they share the one server and build side by side on it, so a cold check
  // waits for the slowest build, not the sum; a failure is the first failing source's, in order
  const sources = needed.map((name) => resolveSource(name, config));
  const settled = await Promise.allSettled(sources.map((source) => session.snapshot(source)));
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) throw failed.reason;
  for (const [i, name] of needed.entries()) {
    const source = sources[i]!;
    const snapshot = (settled[i] as PromiseFulfilledResult<Snapshot>).value;
    built.set(name, { snapshot, source });
    if (!withSnapshot.includes(name)) continue;
    const file = snapshotFileOf(config, name);
    const shown = relative(session.io.cwd, file);
    const verdict = committedVerdict(file, snapshot, config.rules);
    if (verdict.kind === 'missing') throw new Error(`${shown} does not exist: run "parity refresh" to create it, review it and commit it`);
    if (verdict.kind === 'outdated') throw verdict.error;
    if (matches(verdict)) {
      verdicts.push(`  ✓ ${name} = ${shown}${majorNote(verdict)}`);
      pairs.push({ labels: { a: shown, b: name }, comparison: { differences: [], warnings: [], notCompared: [] } });
      continue;
    }
    drift = true;
    verdicts.push(`  ✗ ${name} ≠ ${shown}`);
    const { comparison } = verdict;
    pairs.push({ labels: { a: shown, b: name }, comparison: comparison.differences.length > 0 ? comparison : { ...comparison, warnings: [...comparison.warnings, `${name} differs from ${shown} outside the compared objects: run "parity check" for the line diff`] } });
    const report = driftReport(verdict, snapshot, { a: shown, b: `${name} (${source.spec})` }, color);
    out(`${name}: DRIFT from ${shown}\n${report}\n\n`);
  }

  for (const group of groups) {
    const [first, ...others] = group;
    for (const other of others) {
      const a = built.get(first!)!;
      const b = built.get(other)!;
      const rated = withHints(await rateDefaults(session, compare(a.snapshot, b.snapshot, config.rules), b.snapshot, [a.source, b.source], config.rules), { a: a.source.kind, b: b.source.kind });
      const judged = judgePair(rated, [first!, other], config, options.strict);
      const { failed, accepted, lines } = judged;
      // --blame: on a failing pair, each difference names the migration line behind it
      const comparison = options.blame && failed ? await withBlame(session, config, judged.comparison, [first!, other]) : judged.comparison;
      drift ||= failed;
      const notes = [
        ...(comparison.differences.length > 0 && !fails(comparison, options.strict) ? [`${comparison.differences.length} cosmetic`] : []),
        ...(accepted.length > 0 ? [`${accepted.length} accepted`] : []),
      ];
      verdicts.push(`  ${failed ? '✗' : '✓'} ${first} ${failed ? '≠' : '='} ${other}${notes.length ? ` (${notes.join(', ')})` : ''}`);
      pairs.push({ labels: { a: first!, b: other }, comparison: { ...comparison, warnings: [...comparison.warnings, ...lines] } });
      if (comparison.differences.length > 0) out(`${textReport(comparison, { a: first!, b: other }, { color })}\n\n`);
      if (lines.length > 0) out(`${lines.join('\n')}\n\n`);
    }
  }

  if (junit) session.io.stdout.write(junitReport(pairs, OBJECT_KINDS, { strict: options.strict }));
  out(`verdict:\n${verdicts.join('\n')}\n`);
  // the coverage guard: what no verdict above covers, per source
  const uncovered = [...built].filter(([, { snapshot }]) => snapshot.notCompared.length > 0);
  for (const [name, { snapshot }] of uncovered) {
    out(`\n${name}: not compared (kinds schema-parity does not compare yet):\n${snapshot.notCompared.map((o) => `  ? ${o.kind} ${o.identity}`).join('\n')}\n`);
  }
  if (uncovered.length > 0 && options.strictCoverage) {
    session.io.stderr.write(`parity check: ${notComparedRefusal(uncovered.reduce((n, [, { snapshot }]) => n + snapshot.notCompared.length, 0))}\n`);
    return 2;
  }
  if (drift) out('\nDrift found. If the change is intended and reviewed, run "parity refresh" and commit the snapshots (or, for a pair that may differ for now, "parity accept <A> <B>").\n');
  return drift ? 1 : 0;
}
