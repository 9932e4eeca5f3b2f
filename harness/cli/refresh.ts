import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { writeSnapshotFile, type Snapshot } from '../catalog/index.js';
import { snapshotFileOf } from '../committed/file.js';
import { committedVerdict, driftReport, majorNote, matches, type CommittedVerdict } from '../committed/verdict.js';
import type { LoadedConfig } from '../config/load.js';
import { resolveSource } from '../config/resolve.js';
import { dumpCommand } from './dump.js';
import type { Progress } from './progress.js';
import type { Session } from './session.js';

/**
 * `parity refresh`: the only writer of the committed snapshots. Every source is built and every
 * file judged before any file is written, so a failed build or an unreadable file leaves all of
 * them as they were; then each file is reported as created, changed (with what changed),
 * rewritten (an older format) or unchanged. `--dump` first takes a fresh dump of
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
    // every file judged before any is written: one that cannot be read leaves the others as they were too
    const judged = built.map((b) => ({ ...b, verdict: committedVerdict(b.file, b.snapshot, config.rules) }));
    for (const { name, file, snapshot, verdict } of judged) session.io.stdout.write(writeAndDescribe(name, file, snapshot, verdict, session.io.cwd));
  } catch (error) {
    if (dumpFile) {
      if (previousDump) writeFileSync(dumpFile, previousDump);
      else rmSync(dumpFile, { force: true });
    }
    throw error;
  }
  return 0;
}

function writeAndDescribe(name: string, file: string, snapshot: Snapshot, verdict: CommittedVerdict, cwd: string): string {
  const shown = relative(cwd, file);
  // a match (on another major too) is left as it is: rewriting only the major is churn, not a change
  if (matches(verdict)) return `${name}: unchanged ${shown}${majorNote(verdict)}\n`;
  writeSnapshotFile(file, snapshot);
  if (verdict.kind === 'missing') return `${name}: created ${shown}\n`;
  // an older format is not compared (its shape is not this one's): it is rewritten whole
  if (verdict.kind === 'outdated') return `${name}: rewrote ${shown} (format version ${verdict.formatVersion} → ${snapshot.formatVersion}, written by an older schema-parity)\n`;
  return `${name}: changed ${shown}\n${driftReport(verdict, snapshot, { a: `${shown} (before)`, b: `${name} (now)` }, false)}\n`;
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
