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
 * Runs `jobs` in the open transaction of `main` and returns each one's rows by name: one result per
 * share of the query, in share order, each in the query's order. With a second connection (in a
 * transaction that imported main's snapshot: the same picture of the catalog) the two take the jobs
 * from one queue, the second joining when it is connected: the server's deparsing, most of the time
 * of a large catalog, runs on two cores (pg_dump pays it on one). A failure stops both; every result
 * not yet in rejects with the first failure.
 */
export function runCatalogJobs(
  jobs: readonly CatalogJob[],
  version: number,
  main: pg.ClientBase,
  second?: Promise<pg.ClientBase | undefined>,
  options: { prepared?: boolean } = {},
): Map<QueryName, Array<Promise<CatalogRows>>> {
  const queue = queueOf(jobs, second ? 2 : 1);
  const settle = new Map<Run, { resolve: (rows: CatalogRows) => void; reject: (error: unknown) => void }>();
  const results = new Map<QueryName, Array<Promise<CatalogRows>>>();
  for (const run of queue.flat()) {
    const result = new Promise<CatalogRows>((resolve, reject) => settle.set(run, { resolve, reject }));
    result.catch(() => {}); // awaited by the caller; a failure after another one must not be unhandled
    results.set(run.name, [...(results.get(run.name) ?? []), result]);
  }
  let failed = false;
  let failure: Error | undefined;
  const work = async (client: pg.ClientBase) => {
    for (let taken = queue.shift(); taken && !failed; taken = queue.shift()) {
      for (const run of taken) {
        const { resolve, reject } = settle.get(run)!;
        try {
          if (failed) throw failure;
          const text = catalogQuery(run.name, version, run.share, run.branches);
          const config = { text, values: run.params, ...(options.prepared ? { name: statementName(text) } : {}), ...(run.arrays ? { rowMode: 'array' as const } : {}) };
          const result = await (options.prepared || run.arrays ? client.query(config) : client.query(text, run.params));
          resolve({ fields: result.fields.map((field) => field.name), rows: result.rows });
        } catch (error) {
          if (!failed) {
            failed = true;
            failure = new Error(`catalog query ${run.name}.sql failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
          }
          reject(failure);
        }
      }
    }
    // what is left is never run, and whichever result is awaited first reports the cause
    if (failed) for (let left = queue.shift(); left; left = queue.shift()) for (const run of left) settle.get(run)!.reject(failure);
  };
  void work(main);
  void second?.then((client) => client && work(client));
  return results;
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
