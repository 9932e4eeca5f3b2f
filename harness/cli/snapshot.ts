import { resolve } from 'node:path';
import { serializeSnapshot, writeSnapshotFile } from '../catalog/index.js';
import type { LoadedConfig } from '../config/load.js';
import { resolveSource } from '../config/resolve.js';
import { checkOutputFile } from './output-path.js';
import type { Session } from './session.js';

export async function snapshotCommand(session: Session, config: LoadedConfig, positionals: string[], output: string | undefined): Promise<number> {
  if (positionals.length !== 1) throw new Error(`expected one source, got ${positionals.length}: parity snapshot <source> [-o <file>]`);
  if (output) checkOutputFile('-o', output, 'snapshot.json');
  const snapshot = await session.snapshot(resolveSource(positionals[0]!, config));
  if (output) writeSnapshotFile(resolve(session.io.cwd, output), snapshot);
  else session.io.stdout.write(serializeSnapshot(snapshot));
  return 0;
}
