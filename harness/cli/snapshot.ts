import { resolve } from 'node:path';
import { serializeSnapshot, writeSnapshotFile } from '../catalog/index.js';
import type { LoadedConfig } from '../config/load.js';
import { resolveSource } from '../config/resolve.js';
import { checkOutputFile } from './output-path.js';
import { notComparedRefusal } from './diff.js';
import type { Session } from './session.js';

/** Writes the snapshot; objects of kinds it does not compare are named on stderr (exit 2 with --strict-coverage). */
export async function snapshotCommand(session: Session, config: LoadedConfig, positionals: string[], output: string | undefined, options: { strictCoverage?: boolean } = {}): Promise<number> {
  if (positionals.length !== 1) throw new Error(`expected one source, got ${positionals.length}: parity snapshot <source> [-o <file>]`);
  if (output) checkOutputFile('-o', output, 'snapshot.json');
  const snapshot = await session.snapshot(resolveSource(positionals[0]!, config));
  if (output) writeSnapshotFile(resolve(session.io.cwd, output), snapshot);
  else session.io.stdout.write(serializeSnapshot(snapshot));
  if (snapshot.notCompared.length === 0) return 0;
  const list = snapshot.notCompared.map((o) => `  ? ${o.kind} ${o.identity}`).join('\n');
  if (options.strictCoverage) {
    session.io.stderr.write(`parity snapshot: ${notComparedRefusal(snapshot.notCompared.length)}\n${list}\n`);
    return 2;
  }
  session.io.stderr.write(`parity snapshot: warning: not compared (kinds schema-parity does not compare yet):\n${list}\n`);
  return 0;
}
