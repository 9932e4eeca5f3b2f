import type { Snapshot } from '../catalog/index.js';
import { takeSnapshot } from '../catalog/index.js';
import { withClient } from '../server/connect.js';
import { startServer } from '../server/index.js';
import type { PostgresServer } from '../server/types.js';
import { buildDatabase } from '../sources/build.js';
import type { Source } from '../sources/source.js';
import type { Progress } from './progress.js';

/**
 * What a command needs from the outside world: a server, started only when a source needs
 * building (a `url:` source never starts one), and stopped exactly once.
 */
export class Session {
  #server: Promise<PostgresServer> | undefined;

  constructor(private readonly progress: Progress) {}

  server(): Promise<PostgresServer> {
    this.#server ??= this.progress.step('starting postgres', () => startServer());
    return this.#server;
  }

  /** Builds the source if it needs building, snapshots it, and drops what it built. */
  async snapshot(source: Source): Promise<Snapshot> {
    if (source.kind === 'url') {
      return this.progress.step(`snapshot ${source.label}`, () => withClient(source.url, (client) => takeSnapshot(client)));
    }
    const server = await this.server();
    const built = await this.progress.step(`build ${source.label}`, () => buildDatabase(server, source));
    try {
      return await this.progress.step(`snapshot ${source.label}`, () => withClient(built.url, (client) => takeSnapshot(client)));
    } finally {
      await built.drop();
    }
  }

  async close(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    if (server) await (await server.catch(() => undefined))?.stop();
  }
}
