import { recordBaseline, planAdoption, showStatement } from '../adopt/adopt.js';
import { compare } from '../compare/compare.js';
import { textReport } from '../compare/report-text.js';
import type { LoadedConfig } from '../config/load.js';
import { resolveSource } from '../config/resolve.js';
import { withClient } from '../server/connect.js';
import { isFolderLayout, readDrizzleMigrations } from '../sources/drizzle-journal.js';
import { rateDefaults } from './rate-defaults.js';
import type { Session } from './session.js';

/**
 * `parity adopt <url:…>`: marks the Drizzle baseline as applied on a live database without
 * running it — only when the database is exactly the baseline, and as drizzle-orm's migrator
 * would have recorded it. Exit 0 done (or nothing to do), 1 refused (drift), 2 error.
 */
export async function adoptCommand(session: Session, config: LoadedConfig, positionals: string[], options: { dryRun: boolean; baseline?: string }): Promise<number> {
  if (positionals.length !== 1) throw new Error(`expected one database, got ${positionals.length}: parity adopt <url:postgres://…> [--dry-run]`);
  const target = resolveSource(positionals[0]!, config);
  if (target.kind !== 'url') throw new Error(`parity adopt writes to a live database: give url:postgres://…, not ${target.spec}`);
  const baselineName = options.baseline ?? config.baseline;
  if (!baselineName) throw new Error('no baseline: set `baseline` in parity.config.ts to the named drizzle source, or pass --baseline <name>');
  const baseline = resolveSource(baselineName, config);
  if (baseline.kind !== 'drizzle') throw new Error(`baseline "${baselineName}" is ${baseline.spec}: it must be a drizzle:<dir>@<tag> source`);
  // drizzle-kit 1.x folders are read by drizzle-orm 1.x, whose ledger has a name per row
  const major = isFolderLayout(baseline.dir) ? '1.x' : '0.x';
  const migrations = readDrizzleMigrations(baseline.dir, baseline.upTo);

  const live = await session.snapshot(target);
  const expected = await session.snapshot(baseline);
  const comparison = await rateDefaults(session, compare(expected, live, config.rules), live, [target, baseline], config.rules);
  if (comparison.differences.length > 0) {
    session.io.stdout.write(`${textReport(comparison, { a: `baseline (${baseline.spec})`, b: target.spec }, { color: Boolean(session.io.stdout.isTTY) })}\n\n`);
    session.io.stdout.write(`Refused: ${target.spec} is not the baseline, so marking the baseline applied would be a lie. Nothing was written.\n`);
    return 1;
  }

  const plan = await withClient(target.url, (client) => (options.dryRun ? planAdoption(client, migrations, major) : recordBaseline(client, migrations, major)));
  const list = (ms: typeof migrations) => ms.map((m) => `  ${m.tag} (created_at ${m.when}, sha256 ${m.hash.slice(0, 12)}…)`).join('\n');
  if (plan.statements.length === 0) {
    session.io.stdout.write(`${target.spec} already records the baseline (${migrations.length} migrations): nothing to do.\n`);
  } else if (options.dryRun) {
    session.io.stdout.write(`Dry run: ${target.spec} equals the baseline. Would run, in one transaction:\n${plan.statements.map((s) => `  ${showStatement(s)}`).join('\n')}\nNothing was written.\n`);
  } else {
    if (plan.upgrade) {
      session.io.stdout.write(`${target.spec}: drizzle.__drizzle_migrations had drizzle-orm 0.x's layout; upgraded it as drizzle-orm 1.x's migrator does (columns name and applied_at, a name for each of its ${plan.upgrade.rows} rows).\n`);
    }
    if (plan.toRecord.length > 0) {
      session.io.stdout.write(`${target.spec} equals the baseline. Recorded as applied, without running them:\n${list(plan.toRecord)}\n`);
    }
    session.io.stdout.write(`Next: drizzle-kit migrate (or drizzle-orm's migrate()) applies only what comes after ${migrations.at(-1)!.tag}.\n`);
  }
  return 0;
}

