import type { Snapshot } from '../catalog/index.js';
import { snapshotOfSource } from '../source-snapshot/of-source.js';
import type { SourceSnapshotOptions } from '../source-snapshot/of-source.js';
import { startServer } from '../server/index.js';
import type { PostgresServer } from '../server/types.js';
import type { Source } from '../sources/source.js';
import type { Progress } from './progress.js';

/**
 * What a command needs from the outside world: a server, started only when a source needs
 * building (a `url:` source never starts one), and stopped exactly once.
 */
export class Session {
  #server: Promise<PostgresServer> | undefined;
  #closing: Promise<void> | undefined;

  constructor(
    private readonly progress: Progress,
    private readonly options: SourceSnapshotOptions = {},
  ) {}

  server(): Promise<PostgresServer> {
    if (this.#closing) return Promise.reject(new Error('stopping: no new server'));
    this.#server ??= this.progress.step('starting postgres', () => startServer());
    return this.#server;
  }

  /** Builds the source if it needs building, snapshots it, and drops what it built. */
  snapshot(source: Source): Promise<Snapshot> {
    const verb = source.kind === 'url' ? 'snapshot' : source.kind === 'snapshot' ? 'read' : 'build + snapshot';
    const log = (line: string) => this.progress.line(`  ${source.label}: ${line}`);
    return this.progress.step(`${verb} ${source.label}`, () => snapshotOfSource(source, () => this.server(), { ...this.options, log }));
  }

  /** Stops the server if one was started; every caller waits for the same stop. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      const server = this.#server;
      this.#server = undefined;
      if (server) await (await server.catch(() => undefined))?.stop();
    })();
    return this.#closing;
  }
}
