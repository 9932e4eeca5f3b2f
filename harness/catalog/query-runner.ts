import { createHash } from 'node:crypto';
import type pg from 'pg';
import { catalogQuery, type QueryName } from './queries.js';

/**
 * A catalog query of a snapshot and its bound parameters (and which of its branches it keeps, if
 * it has any). `arrays`: its rows as arrays of values in the order of `fields` (no object per row:
 * the parts of a large catalog are ~100,000 rows, copied into the snapshot's own objects anyway).
 */
export interface CatalogJob {
  name: QueryName;
  params: unknown[];
  branches?: readonly boolean[];
  arrays?: boolean;
}

/** What a query (or one share of it) returned: its column names, and its rows (objects, or arrays for an `arrays` job). */
export interface CatalogRows {
  fields: readonly string[];
  rows: unknown[];
}

/** A job as a connection runs it: a query, or one share of a query that is split (see SPLIT). */
interface Run extends CatalogJob {
  share?: { index: number; of: number };
}

/**
 * Below this size of pg_attribute (~150 tables of ten columns above an empty database's 0.5 MB)
 * one connection reads the catalog: a second one costs more (a backend and an authentication,
 * ~10 ms of CPU) than it saves.
 */
export const SECOND_CONNECTION_FROM_BYTES = 1.5 * 1024 * 1024;

/**
 * The relations (cheap, and every part needs them), then the costliest first, as measured at
 * 2,000 tables: with two connections each takes the next free one.
 */
const COSTLIEST = ['tables', 'views', 'columns', 'indexes', 'constraints', 'not-compared', 'triggers', 'owners', 'grants'];
const rank = (name: QueryName) => {
  const at = COSTLIEST.indexOf(name);
  return at === -1 ? COSTLIEST.length : at;
};

/**
 * A query that runs right after another, on the same connection (and for the same share).
 * Deparsing an index or a CHECK opens its table, and a backend opens a table first by building its
 * relcache entry (most of these queries' time on a new connection): the backend that deparsed the
 * indexes of a table has it open.
 */
const FOLLOWS: Partial<Record<QueryName, QueryName>> = { constraints: 'indexes' };

/**
 * The queries split in two shares of the tables when two connections read (`IN_SHARE(t.oid)` in
 * them keeps a share's tables): the indexes alone took as long as all the other queries together,
 * and their deparsing is the most of it. A table's rows are all in one share, in the query's order,
 * so appending the shares keeps every table's parts in order (the snapshot attaches each part row
 * to its table, whose own order comes from the tables query).
 */
const SPLIT: readonly QueryName[] = ['indexes', 'constraints'];

/** The runs in the order connections take them: each a run, or a run and the one that follows it. */
function queueOf(jobs: readonly CatalogJob[], shares: number): Run[][] {
  const runs: Run[] = jobs.flatMap((job) =>
    shares > 1 && SPLIT.includes(job.name) ? Array.from({ length: shares }, (_, index) => ({ ...job, share: { index, of: shares } })) : [job],
  );
  const names = new Set(jobs.map((job) => job.name));
  const follows = (run: Run) => {
    const leader = FOLLOWS[run.name];
    return leader !== undefined && names.has(leader);
  };
  return runs
    .filter((run) => !follows(run))
    .sort((a, b) => rank(a.name) - rank(b.name))
    .map((run) => [run, ...runs.filter((other) => follows(other) && FOLLOWS[other.name] === run.name && other.share?.index === run.share?.index)]);
}

/**
 * Runs catalog queries in the open transaction of `main` and gives each one's rows by name: one
 * result per share of the query, in share order, each in the query's order. With a second
 * connection (in a transaction that imported main's snapshot: the same picture of the catalog) the
 * two take the jobs from one queue, the second joining when it is connected: the server's
 * deparsing, most of the time of a large catalog, runs on two cores (pg_dump pays it on one).
 * Jobs can be added while others run (those that need no options first, the rest once the options
 * are known); `start()` sets the connections to work, `close()` says no more jobs will come. A
 * failure stops both connections; every result not yet in rejects with the first failure.
 */
export class CatalogReader {
  readonly #results = new Map<QueryName, Array<Promise<CatalogRows>>>();
  readonly #settle = new Map<Run, { resolve: (rows: CatalogRows) => void; reject: (error: unknown) => void }>();
  readonly #queue: Run[][] = [];
  readonly #idle: Array<() => void> = [];
  readonly #shares: number;
  #closed = false;
  #failure: Error | undefined;
  #started = false;

  constructor(
    private readonly version: number,
    private readonly main: pg.ClientBase,
    private readonly second?: Promise<pg.ClientBase | undefined>,
    private readonly options: { prepared?: boolean } = {},
  ) {
    this.#shares = second ? 2 : 1;
  }

  /** The connections start taking jobs (the jobs queued so far in cost order, then those added). */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    void this.#work(this.main);
    void this.second?.then((client) => client && this.#work(client));
  }

  /** Queues `jobs`, among those not yet taken in cost order (see COSTLIEST). */
  add(jobs: readonly CatalogJob[]): void {
    if (this.#closed) throw new Error('catalog reader closed: no more jobs');
    for (const taken of queueOf(jobs, this.#shares)) {
      for (const run of taken) {
        const result = new Promise<CatalogRows>((resolve, reject) => this.#settle.set(run, { resolve, reject }));
        result.catch(() => {}); // awaited by the caller; a failure after another one must not be unhandled
        this.#results.set(run.name, [...(this.#results.get(run.name) ?? []), result]);
        if (this.#failure) this.#settle.get(run)!.reject(this.#failure);
      }
      if (this.#failure) continue;
      const at = this.#queue.findIndex((waiting) => rank(waiting[0]!.name) > rank(taken[0]!.name));
      this.#queue.splice(at === -1 ? this.#queue.length : at, 0, taken);
    }
    this.#wake();
  }

  /** The results of query `name` (one per share), once added. */
  results(name: QueryName): Array<Promise<CatalogRows>> {
    const results = this.#results.get(name);
    if (!results) throw new Error(`catalog query ${name} was not queued`);
    return results;
  }

  /** No more jobs: each connection stops once the queue is empty. */
  close(): void {
    this.#closed = true;
    this.#wake();
  }

  #wake(): void {
    for (const wake of this.#idle.splice(0)) wake();
  }

  async #work(client: pg.ClientBase): Promise<void> {
    for (;;) {
      const taken = this.#failure ? undefined : this.#queue.shift();
      if (!taken) {
        if (this.#closed || this.#failure) break;
        await new Promise<void>((resolve) => this.#idle.push(resolve));
        continue;
      }
      for (const run of taken) {
        const { resolve, reject } = this.#settle.get(run)!;
        try {
          if (this.#failure) throw this.#failure;
          const text = catalogQuery(run.name, this.version, run.share, run.branches);
          const config = { text, values: run.params, ...(this.options.prepared ? { name: statementName(text) } : {}), ...(run.arrays ? { rowMode: 'array' as const } : {}) };
          const result = await (this.options.prepared || run.arrays ? client.query(config) : client.query(text, run.params));
          resolve({ fields: result.fields.map((field) => field.name), rows: result.rows });
        } catch (error) {
          this.#failure ??= new Error(`catalog query ${run.name}.sql failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
          reject(this.#failure);
        }
      }
    }
    // what is left is never run, and whichever result is awaited first reports the cause
    if (this.#failure) for (let left = this.#queue.shift(); left; left = this.#queue.shift()) for (const run of left) this.#settle.get(run)!.reject(this.#failure);
    this.#wake();
  }
}

const statementNames = new Map<string, string>();

/**
 * The name of the prepared statement of a query's text: named by the text, so a text (a version's,
 * a share's, a set of branches) is prepared once per connection and never confused with another.
 */
export function statementName(text: string): string {
  let name = statementNames.get(text);
  if (name === undefined) statementNames.set(text, (name = `parity_${createHash('sha256').update(text).digest('hex').slice(0, 32)}`));
  return name;
}

/**
 * beginSnapshot and the server's version in one round trip — and, when `exportFromBytes` is given
 * and pg_attribute is at least that large, the transaction's snapshot exported for a second
 * connection, as `pg_dump -j` does. A failed export aborts the transaction (it cannot run in a
 * savepoint): it is begun anew without one, and the work stays on this connection with the same
 * result; nothing is lost but the speed. `then`, a query of our own without parameters, runs in the
 * same round trip, in the transaction: its rows are returned.
 */
export async function openSnapshot(client: pg.ClientBase, exportFromBytes?: number, then?: string): Promise<{ version: number; exported?: string; rows?: Array<Record<string, unknown>> }> {
  const exported = exportFromBytes === undefined ? 'NULL' : `CASE WHEN pg_relation_size('pg_catalog.pg_attribute') >= ${Math.floor(exportFromBytes)} THEN pg_export_snapshot() END`;
  try {
    const opening = `${BEGIN}; ${SETTINGS}; SELECT current_setting('server_version_num')::int AS v, ${exported} AS id`;
    const results = (await client.query(then === undefined ? opening : `${opening};\n${then}`)) as unknown as Array<pg.QueryResult<Record<string, unknown>>>;
    const row = results[then === undefined ? results.length - 1 : results.length - 2]!.rows[0] as { v: number; id: string | null };
    // the server's own identifier (hex and dashes), checked before it is written into a command
    const id = row.id !== null && /^[0-9A-F]+(-[0-9A-F]+)+$/i.test(row.id) ? row.id : undefined;
    return { version: row.v, exported: id, ...(then === undefined ? {} : { rows: results.at(-1)!.rows }) };
  } catch (error) {
    if (exportFromBytes === undefined) throw error;
    await client.query('ROLLBACK');
    return openSnapshot(client, undefined, then);
  }
}

/**
 * One REPEATABLE READ READ ONLY transaction: one consistent picture, and it cannot write. JIT off
 * (it costs more than it saves on catalog queries), search_path = pg_catalog so every name the
 * server writes into a definition is schema-qualified the same way on every machine, and enough
 * work_mem that sorting thousands of deparsed definitions does not spill to disk.
 */
export async function beginSnapshot(client: pg.ClientBase, snapshotId?: string): Promise<void> {
  // one round trip (the id was checked to be the server's own: see openSnapshot)
  await client.query(snapshotId ? `${BEGIN}; SET TRANSACTION SNAPSHOT '${snapshotId}'; ${SETTINGS}` : `${BEGIN}; ${SETTINGS}`);
}
const BEGIN = 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY';
const SETTINGS = "SET LOCAL jit = off; SET LOCAL search_path = pg_catalog; SET LOCAL lock_timeout = '10s'; SET LOCAL work_mem = '64MB'";

/**
 * A new connection in a transaction reading snapshot `id`. Any failure (a pooler that sends it to
 * another backend, a connection limit) gives undefined: the work stays on the first connection.
 */
export async function joinSnapshot(id: string, connect: () => Promise<pg.Client>): Promise<pg.Client | undefined> {
  let second: pg.Client | undefined;
  try {
    second = await connect();
    await beginSnapshot(second, id);
    return second;
  } catch {
    await second?.end().catch(() => {});
    return undefined;
  }
}
