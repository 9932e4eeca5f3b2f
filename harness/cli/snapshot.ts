import { resolve } from 'node:path';
import { serializeSnapshot, writeSnapshotFile } from '../catalog/index.js';
import { parseSource } from '../sources/parse.js';
import type { Session } from './session.js';

export async function snapshotCommand(session: Session, positionals: string[], output: string | undefined): Promise<number> {
  if (positionals.length !== 1) throw new Error(`expected one source, got ${positionals.length}: parity snapshot <source> [-o <file>]`);
  const snapshot = await session.snapshot(parseSource(positionals[0]!));
  if (output) writeSnapshotFile(resolve(output), snapshot);
  else process.stdout.write(serializeSnapshot(snapshot));
  return 0;
}
