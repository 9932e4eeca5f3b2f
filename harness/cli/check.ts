import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { readSnapshotFile, serializeSnapshot, writeSnapshotFile, type Snapshot } from '../catalog/index.js';
import { compare } from '../compare/compare.js';
import { textReport } from '../compare/report-text.js';
import { snapshotDiff } from '../compare/snapshot-diff.js';
import { fails } from '../compare/types.js';
import { projectSources } from './project.js';
import { rateDefaults } from './rate-defaults.js';
import type { Session } from './session.js';
import type { Source } from '../sources/source.js';

/**
 * `parity check` builds each project source, compares it with its committed snapshot (the
 * reviewed truth: it must match byte for byte) and the sources with each other; `parity refresh`
 * (write: true) rewrites the snapshots instead and is the only writer.
 */
export async function checkCommand(session: Session, options: { write: boolean; strict?: boolean }): Promise<number> {
  const sources = projectSources();
  if (sources.length === 0) throw new Error(`no project sources found in ${process.cwd()}: expected a migrations-legacy/ folder`);
  const color = Boolean(process.stdout.isTTY);
  const built: Array<{ name: string; snapshot: Snapshot; source: Source }> = [];
  let drift = false;
  for (const { name, source, snapshotFile } of sources) {
    const file = relative(process.cwd(), snapshotFile);
    const actual = await session.snapshot(source);
    built.push({ name, snapshot: actual, source });
    if (options.write) {
      writeSnapshotFile(snapshotFile, actual);
      process.stdout.write(`${name}: wrote ${file}\n`);
      continue;
    }
    if (!existsSync(snapshotFile)) throw new Error(`${file} does not exist: run "parity refresh" to create it, review it and commit it`);
    const committed = readSnapshotFile(snapshotFile);
    if (serializeSnapshot(committed) === serializeSnapshot(actual)) {
      process.stdout.write(`${name}: equal to ${file}\n`);
      continue;
    }
    drift = true;
    const comparison = compare(committed, actual);
    const report =
      comparison.differences.length > 0
        ? textReport(comparison, { a: file, b: `${name} (${source.spec})` }, { color })
        : (snapshotDiff(committed, actual, { expected: file, actual: name }, color) ?? '');
    process.stdout.write(`${name}: DRIFT from ${file}\n${report}\n`);
  }
  if (!options.write) {
    for (let i = 0; i < built.length; i++) {
      for (let j = i + 1; j < built.length; j++) {
        const [a, b] = [built[i]!, built[j]!];
        const comparison = await rateDefaults(session, compare(a.snapshot, b.snapshot), b.snapshot, [a.source, b.source]);
        const failed = fails(comparison, options.strict);
        drift ||= failed;
        process.stdout.write(failed || comparison.differences.length > 0 ? `${textReport(comparison, { a: a.name, b: b.name }, { color })}\n` : `${a.name} = ${b.name}\n`);
      }
    }
  }
  if (drift) process.stdout.write('\nDrift found. If the change is intended and reviewed, run "parity refresh" and commit the snapshots.\n');
  return drift ? 1 : 0;
}
