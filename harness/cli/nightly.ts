import { appendFileSync, mkdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { writeFileAtomic } from '../util/write-atomic.js';
import { compare } from '../compare/compare.js';
import { withHints } from '../compare/hints.js';
import { markdownReport } from '../compare/report-markdown.js';
import { textReport } from '../compare/report-text.js';
import { fails } from '../compare/types.js';
import type { LoadedConfig } from '../config/load.js';
import { resolveSource } from '../config/resolve.js';
import { fitMarkdown, STEP_SUMMARY_LIMIT } from '../github/summary.js';
import { dumpCommand } from './dump.js';
import { checkOutputFolder } from './output-path.js';
import type { Progress } from './progress.js';
import { rateDefaults } from './rate-defaults.js';
import type { Session } from './session.js';

/**
 * `parity nightly`: dumps production fresh (PROD_DATABASE_URL), proves it equal to the sources
 * it must equal (the `equal` group that holds `production`, production itself replaced by the
 * fresh dump), writes the drift report as Markdown (and to $GITHUB_STEP_SUMMARY), and exits 0
 * equal, 1 drift, 2 error — the workflow is a thin wrapper around this.
 */
export async function nightlyCommand(session: Session, config: LoadedConfig, progress: Progress, options: { out?: string; strict?: boolean }): Promise<number> {
  const outOption = options.out ?? session.io.env.NIGHTLY_OUT ?? 'nightly-out';
  checkOutputFolder('--out', outOption, 'the dump and the report');
  const out = resolve(outOption);
  mkdirSync(out, { recursive: true });
  const dumpFile = join(out, 'production.sql');
  // everything compared with production is built on production's major
  await dumpCommand(config, progress, { output: dumpFile, onMajor: (major) => session.follow(major, `production runs PostgreSQL ${major}`) }, session.io);

  const group = config.equal?.find((g) => g.includes('production')) ?? Object.keys(config.sources).filter((n) => n === 'legacy' || n === 'baseline');
  const references = group.filter((name) => name !== 'production');
  if (references.length === 0) throw new Error('nothing to compare production with: add an equal group with "production" to parity.config.ts');
  const fresh = { ...resolveSource(`dump:${dumpFile}`, config), label: 'production' };
  const production = await session.snapshot(fresh);

  const sections: string[] = [];
  let drift = false;
  const verdicts: string[] = [];
  for (const name of references) {
    const source = resolveSource(name, config);
    const expected = await session.snapshot(source);
    const comparison = withHints(await rateDefaults(session, compare(expected, production, config.rules), production, [source, fresh], config.rules), { a: source.kind, b: fresh.kind });
    const failed = fails(comparison, options.strict);
    drift ||= failed;
    verdicts.push(`  ${failed ? '✗' : '✓'} ${name} ${failed ? '≠' : '='} production (fresh dump)`);
    const labels = { a: name, b: 'production (fresh dump)' };
    if (comparison.differences.length > 0) session.io.stdout.write(`${textReport(comparison, labels, { color: Boolean(session.io.stdout.isTTY) })}\n\n`);
    sections.push(markdownReport(comparison, labels));
  }
  const title = drift ? '## ❌ Production has drifted' : '## ✅ Production matches the reviewed schema';
  const markdown = `${title}\n\n${sections.join('\n')}\n`;
  const reportFile = join(out, 'drift-report.md');
  writeFileAtomic(reportFile, markdown);
  // GitHub refuses a step summary over 1 MiB (and loses all of it): cut it, pointing at the full report
  if (session.io.env.GITHUB_STEP_SUMMARY) appendFileSync(session.io.env.GITHUB_STEP_SUMMARY, fitMarkdown(markdown, STEP_SUMMARY_LIMIT, `${relative(session.io.cwd, reportFile)} (the drift-report artifact)`));
  session.io.stdout.write(`verdict:\n${verdicts.join('\n')}\nreport: ${relative(session.io.cwd, reportFile)}\n`);
  return drift ? 1 : 0;
}
