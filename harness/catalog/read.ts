import type pg from 'pg';
import { MIN_SERVER_VERSION_NUM, presenceQuery, QUERY_NAMES, type QueryName } from './queries.js';
import { CatalogReader, joinSnapshot, openSnapshot, SECOND_CONNECTION_FROM_BYTES, statementName } from './query-runner.js';

// The start of a catalog read, apart from the snapshot's model: a command begins it while it is
// still loading the rest (see EarlyRead); takeSnapshot finishes it.

/** What a snapshot leaves out besides system schemas and extension-owned objects. */
export interface IgnoreRules {
  /** Schema names, skipped whole. */
  schemas?: readonly string[];
  /** `name` (in any schema) or `schema.name`; the table's columns, indexes… go with it. */
  tables?: readonly string[];
}

/**
 * The migration tools' bookkeeping: the legacy runner's (and dbmate's, golang-migrate's)
 * `schema_migrations`, drizzle's `__drizzle_migrations` (in the `drizzle` schema by default),
 * goose, node-pg-migrate, Flyway, Prisma and Atlas tables, and the `sqitch` and Supabase
 * schemas. They are not the schema the app uses, and they are exactly what differs between a
 * replayed and an adopted or production database.
 */
export const DEFAULT_IGNORE: Required<IgnoreRules> = {
  schemas: ['drizzle', 'sqitch', 'supabase_migrations', 'atlas_schema_revisions'],
  tables: ['schema_migrations', '__drizzle_migrations', 'goose_db_version', 'pgmigrations', 'flyway_schema_history', '_prisma_migrations', 'atlas_schema_revisions'],
};

/**
 * The queries of the relations' parts (columns, indexes…): they need no snapshot option (see
 * beginCatalogRead). Named here, not derived from the relations' model, so that a read can begin
 * before the model is loaded; the snapshot checks that they are the parts' queries. Each orders
 * its rows by relation OID, then completely within a relation: a row only joins its relation,
 * whose place comes from the name order of its own query, and integers sort faster than names
 * (~40 ms less of the server's time at 2,000 tables).
 */
export const PART_QUERIES: ReadonlySet<QueryName> = new Set<QueryName>(['columns', 'constraints', 'indexes', 'triggers', 'policies', 'rules']);

/** Never read, whatever the rules: the SQL standard's views of the catalog. */
export const ALWAYS_EXCLUDED_SCHEMAS: readonly string[] = ['information_schema'];

/** How a read is made: see SnapshotOptions. */
export interface ReadOptions {
  connect?: () => Promise<pg.Client>;
  prepared?: boolean;
}

/** A catalog read begun (see beginCatalogRead): its transaction is open and its parts' queries are running. */
export interface CatalogRead {
  readonly client: pg.ClientBase;
  readonly version: number;
  readonly reader: CatalogReader;
  readonly second: Promise<pg.Client | undefined> | undefined;
  /** The queries that cannot return a row here, and the branches of each query that can. */
  readonly absent: ReadonlySet<QueryName>;
  readonly branches: ReadonlyMap<QueryName, boolean[]>;
}

/**
 * Begins reading the catalog of `client`'s database before the snapshot's options are known (the
 * CLI begins it while it loads its config): the transaction (see beginSnapshot), a second
 * connection for a large catalog, which queries can return rows, and the queries of the relations'
 * parts, the most of a large catalog's time. Those need no option: a part row is kept only if its
 * relation is, and the relations are read with the options: the parts are read in every schema but
 * those no rule can bring back (`excludedSchemas`, for a read whose options are known, spares the
 * server the parts that would be dropped). `takeSnapshot(client, { begun })` finishes it.
 */
export async function beginCatalogRead(client: pg.ClientBase, options: ReadOptions = {}): Promise<CatalogRead> {
  const read = await openCatalogRead(client, options);
  read.reader.start();
  return read;
}

/** beginCatalogRead, its parts' queries queued but not yet run. */
export async function openCatalogRead(client: pg.ClientBase, options: ReadOptions & { excludedSchemas?: readonly string[] }): Promise<CatalogRead> {
  // a config may bring back a schema excluded by default (ignore.schemas: []): only these never come back
  const excludedSchemas = options.excludedSchemas ?? ALWAYS_EXCLUDED_SCHEMAS;
  let second: Promise<pg.Client | undefined> | undefined;
  // A query whose condition does not hold cannot return a row: it is not run, and its rows are
  // none; and a branch whose condition does not hold is left out of its query. The conditions are
  // read with the transaction's opening (one round trip: the transaction, the server's version,
  // for a large catalog its snapshot for a second connection), unless they are a prepared statement.
  const presence = presenceQuery(QUERY_NAMES);
  const opened = await openSnapshot(client, options.connect ? SECOND_CONNECTION_FROM_BYTES : undefined, options.prepared ? undefined : presence?.sql);
  const { version, exported } = opened;
  try {
    if (version < MIN_SERVER_VERSION_NUM) {
      throw new Error(`PostgreSQL ${Math.floor(version / 10000)} is too old to snapshot: schema-parity reads the catalogs of PostgreSQL 13 and later`);
    }
    if (exported && options.connect) second = joinSnapshot(exported, options.connect);
    const absent = new Set<QueryName>();
    const branches = new Map<QueryName, boolean[]>();
    if (presence) {
      const conditions = opened.rows?.[0] ?? (await client.query<Record<string, boolean>>({ name: statementName(presence.sql), text: presence.sql })).rows[0]!;
      for (const name of presence.names) if (conditions[name] !== true) absent.add(name);
      for (const [name, columns] of presence.branches) branches.set(name, columns.map((column) => conditions[column] === true));
    }
    const reader = new CatalogReader(version, client, second, { prepared: options.prepared });
    // the parts' rows come as arrays (see CatalogJob): they are copied into the snapshot's own objects
    reader.add(QUERY_NAMES.filter((name) => PART_QUERIES.has(name) && !absent.has(name)).map((name) => ({ name, params: [excludedSchemas], arrays: true })));
    return { client, version, reader, second, absent, branches };
  } catch (error) {
    await endRead(client, second, true);
    throw error;
  }
}

/**
 * Ends a begun read that will not be finished (its command failed first): no more queries, and its
 * second connection closed. Closing `read.client` ends the rest (its transaction with it).
 */
export function abandonCatalogRead(read: CatalogRead): void {
  read.reader.close();
  void read.second?.then((helper) => helper?.end().catch(() => {}));
}

/** Ends a read: the second connection (waiting for its backend to exit unless told not to), then main's transaction. */
export async function endRead(client: pg.ClientBase, second: Promise<pg.Client | undefined> | undefined, waitForClose: boolean): Promise<void> {
  // both transactions end only after every query has run (or failed): the export lives as long as main's
  const helper = await second;
  const closed = helper?.end().catch(() => {});
  if (waitForClose) await closed;
  await client.query('ROLLBACK').catch(() => {});
}

