import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { readSnapshotFile, writeSnapshotFile } from '../catalog/index.js';
import { projectSources } from './project.js';
import type { Session } from './session.js';
import { snapshotDiff } from '../compare/snapshot-diff.js';

/**
 * `parity check` compares each project source with its committed snapshot; `parity refresh`
 * (write: true) rewrites those snapshots instead and is the only writer.
 */
export async function checkCommand(session: Session, options: { write: boolean }): Promise<number> {
  const sources = projectSources();
  if (sources.length === 0) throw new Error(`no project sources found in ${process.cwd()}: expected a migrations-legacy/ folder`);
  const color = Boolean(process.stdout.isTTY);
  let drift = false;
  for (const { name, source, snapshotFile } of sources) {
    const file = relative(process.cwd(), snapshotFile);
    const actual = await session.snapshot(source);
    if (options.write) {
      writeSnapshotFile(snapshotFile, actual);
      process.stdout.write(`${name}: wrote ${file}\n`);
      continue;
    }
    if (!existsSync(snapshotFile)) throw new Error(`${file} does not exist: run "parity refresh" to create it, review it and commit it`);
    const report = snapshotDiff(readSnapshotFile(snapshotFile), actual, { expected: file, actual: `${name} (${source.spec})` }, color);
    if (report === undefined) {
      process.stdout.write(`${name}: equal to ${file}\n`);
    } else {
      drift = true;
      process.stdout.write(`${name}: DRIFT from ${file}\n${report}\n`);
    }
  }
  if (drift) process.stdout.write('\nDrift found. If the change is intended and reviewed, run "parity refresh" and commit the snapshots.\n');
  return drift ? 1 : 0;
}
