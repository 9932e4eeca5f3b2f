import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { OutdatedSnapshotError, readSnapshotFile, serializeSnapshot, writeSnapshotFile, type Snapshot } from '../catalog/index.js';
import { compare } from '../compare/compare.js';
import { textReport } from '../compare/report-text.js';
import { snapshotDiff } from '../compare/snapshot-diff.js';
import type { LoadedConfig } from '../config/load.js';
import { resolveSource } from '../config/resolve.js';
import { snapshotFileOf } from './check.js';
import { dumpCommand } from './dump.js';
import type { Progress } from './progress.js';
import type { Session } from './session.js';

/**
 * `parity refresh`: the only writer of the committed snapshots. Every source is built before any
 * file is written, so a failed build leaves all of them as they were; then each file is reported
 * as created, changed (with what changed) or unchanged. `--dump` first takes a fresh dump of
 * PROD_DATABASE_URL into the file of the config's dump source, and puts the old one back if
 * anything after it fails.
 */
export async function refreshCommand(session: Session, config: LoadedConfig, progress: Progress, options: { dump?: boolean }): Promise<number> {
  const names = config.snapshots ?? Object.keys(config.sources);
  if (names.length === 0) throw new Error(`no sources to refresh in ${config.root}: add parity.config.ts with named sources, or a migrations-legacy/ folder`);
  const dumpFile = options.dump ? dumpFileOf(config) : undefined;
  const previousDump = dumpFile && existsSync(dumpFile) ? readFileSync(dumpFile) : undefined;
  try {
    if (dumpFile) await dumpCommand(config, progress, { output: dumpFile }, session.io);
    const built: Array<{ name: string; file: string; snapshot: Snapshot }> = [];
    for (const name of names) built.push({ name, file: snapshotFileOf(config, name), snapshot: await session.snapshot(resolveSource(name, config)) });
    for (const { name, file, snapshot } of built) session.io.stdout.write(writeAndDescribe(name, file, snapshot, config, session.io.cwd));
  } catch (error) {
    if (dumpFile) {
      if (previousDump) writeFileSync(dumpFile, previousDump);
      else rmSync(dumpFile, { force: true });
    }
    throw error;
  }
  return 0;
}

function writeAndDescribe(name: string, file: string, snapshot: Snapshot, config: LoadedConfig, cwd: string): string {
  const shown = relative(cwd, file);
  if (!existsSync(file)) {
    writeSnapshotFile(file, snapshot);
    return `${name}: created ${shown}\n`;
  }
  let old: Snapshot;
  try {
    old = readSnapshotFile(file);
  } catch (error) {
    // an older format is not compared (its shape is not this one's): it is rewritten whole
    if (!(error instanceof OutdatedSnapshotError)) throw error;
    writeSnapshotFile(file, snapshot);
    return `${name}: rewrote ${shown} (format version ${error.formatVersion} → ${snapshot.formatVersion}, written by an older schema-parity)\n`;
  }
  if (serializeSnapshot(old) === serializeSnapshot(snapshot)) return `${name}: unchanged ${shown}\n`;
  writeSnapshotFile(file, snapshot);
  const comparison = compare(old, snapshot, config.rules);
  const what =
    comparison.differences.length > 0
      ? textReport(comparison, { a: `${shown} (before)`, b: `${name} (now)` }, { color: false })
      : (snapshotDiff(old, snapshot, { expected: `${shown} (before)`, actual: `${name} (now)` }, false) ?? '');
  return `${name}: changed ${shown}\n${what}\n`;
}

/** The file behind the config's one `dump:` source (the production dump). */
function dumpFileOf(config: LoadedConfig): string {
  const dumps = Object.entries(config.sources).filter(([, spec]) => spec.startsWith('dump:'));
  if (dumps.length !== 1) {
    throw new Error(
      `--dump refreshes the file of the config's one dump: source, but ${config.file ?? 'the config'} has ${dumps.length ? dumps.map(([n]) => n).join(', ') : 'none'}: ` +
        `run "parity dump -o <file>" for the one you mean, then "parity refresh"`,
    );
  }
  return resolve(config.root, dumps[0]![1].slice('dump:'.length));
}
