import type pg from 'pg';
import { catalogQuery, type QueryName } from './queries.js';

/** A catalog query of a snapshot and its bound parameters. */
export interface CatalogJob {
  name: QueryName;
  params: unknown[];
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
 * A query that runs right after another, on the same connection. Deparsing an index or a CHECK
 * opens its table, and a backend opens a table first by building its relcache entry (most of
 * these queries' time on a new connection): the backend that deparsed the indexes has them all.
 */
const FOLLOWS: Partial<Record<QueryName, QueryName>> = { constraints: 'indexes' };

/** `jobs` in the order connections take them: each a job, or a job and the one that follows it. */
function queueOf(jobs: readonly CatalogJob[]): CatalogJob[][] {
  const names = new Set(jobs.map((job) => job.name));
  const follows = (job: CatalogJob) => {
    const leader = FOLLOWS[job.name];
    return leader !== undefined && names.has(leader);
  };
  return [...jobs]
    .filter((job) => !follows(job))
    .sort((a, b) => rank(a.name) - rank(b.name))
    .map((job) => [job, ...jobs.filter((other) => follows(other) && FOLLOWS[other.name] === job.name)]);
}

/**
 * Runs `jobs` in the open transaction of `main` and returns each one's rows by name. With a
 * second connection (in a transaction that imported main's snapshot: the same picture of the
 * catalog) the two take the jobs from one queue, the second joining when it is connected: the
 * server's deparsing, most of the time of a large catalog, runs on two cores (pg_dump pays it on
 * one). At 2,000 tables, ~0.37 s instead of ~0.47 s in the bench.
 */
export function runCatalogJobs(jobs: readonly CatalogJob[], version: number, main: pg.ClientBase, second?: Promise<pg.ClientBase | undefined>): Map<QueryName, Promise<unknown[]>> {
  const queue = queueOf(jobs);
  const settle = new Map<QueryName, { resolve: (rows: unknown[]) => void; reject: (error: unknown) => void }>();
  const results = new Map<QueryName, Promise<unknown[]>>();
  for (const job of jobs) {
    const result = new Promise<unknown[]>((resolve, reject) => settle.set(job.name, { resolve, reject }));
    result.catch(() => {}); // awaited by the caller; a failure after another one must not be unhandled
    results.set(job.name, result);
  }
  let failed = false;
  let failure: Error | undefined;
  const work = async (client: pg.ClientBase) => {
    for (let taken = queue.shift(); taken && !failed; taken = queue.shift()) {
      for (const job of taken) {
        const { resolve, reject } = settle.get(job.name)!;
        try {
          if (failed) throw failure;
          resolve((await client.query(catalogQuery(job.name, version), job.params)).rows);
        } catch (error) {
          if (!failed) {
            failed = true;
            failure = new Error(`catalog query ${job.name}.sql failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
          }
          reject(failure);
        }
      }
    }
    // what is left is never run, and whichever result is awaited first reports the cause
    if (failed) for (let left = queue.shift(); left; left = queue.shift()) for (const job of left) settle.get(job.name)!.reject(failure);
  };
  void work(main);
  void second?.then((client) => client && work(client));
  return results;
}

/**
 * Exports the snapshot of `main`'s open transaction (begun by `beginSnapshot`) for a second
 * connection, as `pg_dump -j` does; undefined when the server will not. A failed export aborts the transaction (it cannot run in a savepoint): it is begun anew,
 * and the work stays on main with the same result; nothing is lost but the speed.
 */
export async function exportSnapshot(main: pg.ClientBase): Promise<string | undefined> {
  try {
    const { rows } = await main.query<{ id: string }>('SELECT pg_export_snapshot() AS id');
    const id = rows[0]?.id ?? '';
    // the server's own identifier (hex and dashes), checked before it is written into a command
    return /^[0-9A-F]+(-[0-9A-F]+)+$/i.test(id) ? id : undefined;
  } catch {
    await main.query('ROLLBACK');
    await beginSnapshot(main);
    return undefined;
  }
}

/**
 * One REPEATABLE READ READ ONLY transaction: one consistent picture, and it cannot write. JIT off
 * (it costs more than it saves on catalog queries), search_path = pg_catalog so every name the
 * server writes into a definition is schema-qualified the same way on every machine, and enough
 * work_mem that sorting thousands of deparsed definitions does not spill to disk.
 */
export async function beginSnapshot(client: pg.ClientBase, snapshotId?: string): Promise<void> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  if (snapshotId) await client.query(`SET TRANSACTION SNAPSHOT '${snapshotId}'`);
  await client.query("SET LOCAL jit = off; SET LOCAL search_path = pg_catalog; SET LOCAL lock_timeout = '10s'; SET LOCAL work_mem = '64MB'");
}

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
