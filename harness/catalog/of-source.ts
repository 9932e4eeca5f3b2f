import { withClient } from '../server/connect.js';
import type { PostgresServer } from '../server/types.js';
import { buildDatabase } from '../sources/build.js';
import type { Source } from '../sources/source.js';
import { readSnapshotFile } from './json.js';
import type { Snapshot } from './model.js';
import { takeSnapshot, type SnapshotOptions } from './snapshot.js';

/**
 * The snapshot of any source: a file is read, a live database is read (never written, and no
 * server is started for it), anything else is built on `server()` and dropped afterwards.
 */
export async function snapshotOfSource(source: Source, server: () => Promise<PostgresServer>, options: SnapshotOptions = {}): Promise<Snapshot> {
  switch (source.kind) {
    case 'snapshot':
      return readSnapshotFile(source.file);
    case 'url':
      return withClient(source.url, (client) => takeSnapshot(client, options));
    default: {
      const built = await buildDatabase(await server(), source);
      try {
        return await withClient(built.url, (client) => takeSnapshot(client, options));
      } finally {
        await built.drop();
      }
    }
  }
}
