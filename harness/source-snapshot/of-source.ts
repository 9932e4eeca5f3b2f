import { buildKey, snapshotKey } from '../cache/keys.js';
import type { SnapshotCache } from '../cache/snapshot-cache.js';
import { ensureTemplate } from '../cache/templates.js';
import { connect, withClient } from '../server/connect.js';
import type { PostgresServer } from '../server/types.js';
import { readSnapshotFile } from '../catalog/json.js';
import type { Snapshot } from '../catalog/model.js';
import { takeSnapshot, type SnapshotOptions } from '../catalog/snapshot.js';
import { hostSource, withSetup, type HostSetup } from '../setup/setup.js';
import { withoutHost } from '../setup/subtract.js';
import type { Source } from '../sources/source.js';
import type { EarlyRead } from './early-read.js';

export interface SourceSnapshotOptions extends SnapshotOptions {
  /** Snapshots on disk by content key; a hit needs no server at all. */
  cache?: SnapshotCache;
  /** The major the server will have (the disk key names it before any server is started). */
  major?: number;
  /** Where a build's notes go (a file run outside a transaction …): the CLI's progress lines. */
  log?: (line: string) => void;
  /** What the host provides: run before every build, and left out of every snapshot. */
  setup?: HostSetup;
  /** Reads of `url:` databases begun before the options were known (see EarlyRead): each used once. */
  early?: readonly EarlyRead[];
}

/**
 * The snapshot of any source: a file is read, a live database is read (never written, and no
 * server is started for it), anything else is built once per content hash into a template
 * database on `server()` (see cache/templates) and read from there — or taken from the disk
 * cache when its inputs have not changed. With a host setup, builds run it first and every
 * snapshot leaves out what it made (the snapshot of the setup alone, subtracted).
 */
export async function snapshotOfSource(source: Source, server: () => Promise<PostgresServer>, options: SourceSnapshotOptions = {}): Promise<Snapshot> {
  const { setup, ...rest } = options;
  if (!setup) return snapshotOf(source, server, rest);
  const built = source.kind === 'url' || source.kind === 'snapshot' ? source : withSetup(source, setup);
  // what the setup made: a database with it, less an empty database (whose `public` is nobody's)
  const [snapshot, host, empty] = await Promise.all([snapshotOf(built, server, rest), snapshotOf(hostSource(setup), server, rest), snapshotOf(hostSource({ files: [] }), server, rest)]);
  return withoutHost(snapshot, withoutHost(host, empty));
}

async function snapshotOf(source: Source, server: () => Promise<PostgresServer>, options: Omit<SourceSnapshotOptions, 'setup'>): Promise<Snapshot> {
  const { cache, major, log, early, ...snapshotOptions } = options;
  switch (source.kind) {
    case 'snapshot':
      return readSnapshotFile(source.file);
    case 'url': {
      const begun = early?.find((read) => read.url === source.url)?.take(snapshotOptions);
      if (begun) return begun;
      // a url: database is only read: nothing waits for its backends to exit
      return withClient(source.url, (client) => takeSnapshot(client, { ...snapshotOptions, connect: () => connect(source.url), waitForClose: false }), { waitForClose: false });
    }
    default: {
      const key = cache && major !== undefined ? snapshotKey(await buildKey(source, major, { derived: cache }), snapshotOptions) : undefined;
      const cached = key ? cache!.get(key) : undefined;
      if (cached) return cached;
      const running = await server();
      const { read } = await ensureTemplate(running, source, { log, read: (client, url) => takeSnapshot(client, { ...snapshotOptions, connect: () => connect(url) }) });
      const snapshot = read!;
      if (key && running.major === major) cache!.set(key, snapshot);
      return snapshot;
    }
  }
}
