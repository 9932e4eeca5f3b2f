import type pg from 'pg';
import type { Snapshot } from '../catalog/model.js';
import { abandonCatalogRead, beginCatalogRead, type CatalogRead } from '../catalog/read.js';
import type { SnapshotOptions } from '../catalog/snapshot.js';
import { connect } from '../server/connect.js';

/**
 * The catalog of a `url:` database, its reading begun before the command knows its options: a
 * command given a `url:` source begins it first thing, and the server reads the relations' parts
 * (most of a large catalog's time) while the command loads its modules and its config. Taken once,
 * with the command's options, it is the snapshot a new connection would have taken; a failure to
 * connect is reported when it is taken, as it would have been then.
 */
export class EarlyRead {
  readonly #begun: Promise<{ client: pg.Client; read: CatalogRead }>;
  #used = false;
  /** Settles once the server is reading (the parts' queries are sent, on each connection) or the read has failed. */
  readonly started: Promise<void>;

  constructor(readonly url: string) {
    this.#begun = (async () => {
      const client = await connect(url);
      try {
        return { client, read: await beginCatalogRead(client, { connect: () => connect(url) }) };
      } catch (error) {
        void client.end().catch(() => {});
        throw error;
      }
    })();
    this.#begun.catch(() => {}); // reported by take(), or dropped with the command's own failure
    this.started = this.#begun.then(
      ({ read }) => read.second?.then(() => undefined),
      () => undefined,
    );
  }

  /** The snapshot with `options`; undefined if it was taken (or discarded) already. */
  take(options: SnapshotOptions): Promise<Snapshot> | undefined {
    if (this.#used) return undefined;
    this.#used = true;
    return (async () => {
      // the snapshot's model is loaded by now, with the command's modules
      const [{ client, read }, { takeSnapshot }] = await Promise.all([this.#begun, import('../catalog/snapshot.js')]);
      try {
        // a url: database is only read: nothing waits for its backends to exit
        return await takeSnapshot(client, { ...options, begun: read, waitForClose: false });
      } finally {
        void client.end().catch(() => {});
      }
    })();
  }

  /** Ends it unused: the command failed before it needed the snapshot. */
  async discard(): Promise<void> {
    if (this.#used) return;
    this.#used = true;
    const begun = await this.#begun.catch(() => undefined);
    if (!begun) return;
    abandonCatalogRead(begun.read);
    await begun.client.end().catch(() => {});
  }
}

/** The early reads of the literal `url:` (or `postgres://`) sources among `specs`. */
export function earlyReadsOf(specs: readonly string[]): EarlyRead[] {
  // the source parser's own test: anything else is left to it, and to its error
  const urls = specs.map((spec) => (spec.startsWith('url:') ? spec.slice('url:'.length) : spec)).filter((url) => /^postgres(ql)?:\/\//.test(url));
  return [...new Set(urls)].map((url) => new EarlyRead(url));
}
