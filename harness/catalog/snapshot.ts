import type pg from 'pg';
import { COVERED_KINDS, KINDS, LIST_KEYS, type ListKey, type RowContext } from './kinds.js';
import { readAccessLists } from './privileges.js';
import { MIN_SERVER_VERSION_NUM, presenceQuery, QUERY_NAMES, type QueryName } from './queries.js';
import { beginSnapshot, exportSnapshot, joinSnapshot, runCatalogJobs, SECOND_CONNECTION_FROM_BYTES, statementName } from './query-runner.js';
import { SNAPSHOT_FORMAT_VERSION, type NotCompared, type Snapshot } from './model.js';
import { PART_KEYS, partSpec, partsOf, RELATION_KEYS, relationSpec, type PartKey, type RelationKey } from './relations.js';

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

export interface SnapshotOptions {
  ignore?: IgnoreRules;
  /** Also read grants, default privileges and owners (the opt-in `privileges` / `ownership` rules). */
  privileges?: boolean;
  /**
   * Opens another connection to the same database: a large catalog is then read on two
   * connections sharing one transaction snapshot (see query-runner).
   */
  connect?: () => Promise<pg.Client>;
  /**
   * Wait until that connection's backend has gone (the default): a database about to be cloned
   * or dropped must have no connection left. False for a database that is only read: a backend
   * that has read thousands of tables takes 10–30 ms to exit, and the snapshot need not wait.
   */
  waitForClose?: boolean;
  /**
   * Run the catalog queries as prepared statements, each planned once per connection: for a
   * connection that takes many snapshots (planning is most of the server's work for a small
   * catalog's snapshot). Not through a pooler in transaction mode, which hands a connection's
   * statements to other sessions; the default (false) leaves nothing on the connection.
   */
  prepared?: boolean;
}

const ALWAYS_EXCLUDED_SCHEMAS = ['information_schema'];

/** A row of a relation or of a relation's part (column, index…): `relid` is the relation's OID, used only to join. */
type Nested = Record<string, unknown> & { relid: number };

/**
 * Reads the catalog of the database `client` is connected to, in one REPEATABLE READ READ ONLY
 * transaction (see beginSnapshot) — on a large catalog with `options.connect`, in two that share
 * its snapshot.
 */
export async function takeSnapshot(client: pg.ClientBase, options: SnapshotOptions = {}): Promise<Snapshot> {
  const ignore = { ...DEFAULT_IGNORE, ...options.ignore };
  const excludedSchemas = [...ALWAYS_EXCLUDED_SCHEMAS, ...ignore.schemas];
  const ignoredTables = new Set(ignore.tables);
  const isIgnoredTable = (schema: string, name: string) => ignoredTables.has(name) || ignoredTables.has(`${schema}.${name}`);

  await beginSnapshot(client);
  let second: Promise<pg.Client | undefined> | undefined;
  try {
    const { rows: versionRows } = await client.query<{ v: number; size: string }>("SELECT current_setting('server_version_num')::int AS v, pg_relation_size('pg_catalog.pg_attribute') AS size");
    const version = versionRows[0]!.v;
    if (version < MIN_SERVER_VERSION_NUM) {
      throw new Error(`PostgreSQL ${Math.floor(version / 10000)} is too old to snapshot: schema-parity reads the catalogs of PostgreSQL 13 and later`);
    }
    if (options.connect && Number(versionRows[0]!.size) >= SECOND_CONNECTION_FROM_BYTES) {
      const id = await exportSnapshot(client);
      if (id) second = joinSnapshot(id, options.connect);
    }
    // every query this snapshot needs, queued at once; each is awaited where its rows are used
    const coveredKinds = options.privileges ? [...COVERED_KINDS, 'default privileges'] : COVERED_KINDS;
    const access: QueryName[] = ['grants', 'default-privileges', 'owners'];
    const needed = QUERY_NAMES.filter((name) => options.privileges || !access.includes(name));
    // a query whose condition does not hold cannot return a row: it is not run, and its rows are none
    const presence = presenceQuery(needed);
    const absent = new Set<QueryName>();
    // and a branch whose condition does not hold is left out of its query
    const branches = new Map<QueryName, boolean[]>();
    if (presence) {
      const { rows } = await client.query<Record<string, boolean>>(options.prepared ? { name: statementName(presence.sql), text: presence.sql } : presence.sql);
      for (const name of presence.names) if (rows[0]![name] !== true) absent.add(name);
      for (const [name, columns] of presence.branches) branches.set(name, columns.map((column) => rows[0]![column] === true));
    }
    // the parts' rows come as arrays (see CatalogJob): they are copied into the snapshot's own objects
    const partQueries = new Set<QueryName>(PART_KEYS.map((key) => partSpec(key).query as QueryName));
    const jobs = needed
      .filter((name) => !absent.has(name))
      .map((name) => ({ name, params: name === 'not-compared' ? [excludedSchemas, coveredKinds] : [excludedSchemas], branches: branches.get(name), arrays: partQueries.has(name) }));
    const results = runCatalogJobs(jobs, version, client, second, { prepared: options.prepared });
    const run = async <T>(name: QueryName): Promise<T[]> => (absent.has(name) ? [] : (await Promise.all(results.get(name)!)).flatMap((share) => share.rows as T[]));

    const context: RowContext = { isIgnoredTable };
    // Relations first, then their parts, then the rest: the costliest queries come back first
    // (see query-runner), and each is assembled while the server is still working on the others.
    // OIDs join the parts to their relation and are dropped: they differ between two builds.
    const relations = new Map<number, Record<string, unknown[]>>();
    const relationLists = {} as { [R in RelationKey]: Snapshot[R] };
    for (const key of RELATION_KEYS) {
      const { query, fromRow } = relationSpec(key);
      const parts = new Set<string>(partsOf(key));
      const list: Array<Record<string, unknown>> = [];
      for (const row of await run<Nested>(query)) {
        const item = fromRow ? fromRow(row, context) : row;
        if (!item) continue;
        // its fields (not relid) and an empty list per part, in key order: no copy to serialize it
        const fields = [...Object.keys(item).filter((field) => field !== 'relid'), ...parts].sort();
        const relation: Record<string, unknown> = {};
        for (const field of fields) relation[field] = parts.has(field) ? [] : item[field];
        list.push(relation);
        relations.set(row.relid, relation as Record<string, unknown[]>);
      }
      (relationLists as Record<RelationKey, unknown[]>)[key] = list;
    }
    // Each part's rows (each share of them) as soon as they are in, whatever the order: a
    // relation's rows of a part are all in one share, ordered by (schema, table, …), so appending
    // keeps that order inside each relation. This must stay cheap: a 5,000-table catalog has
    // ~100,000 part rows.
    const pending = PART_KEYS.flatMap((key) => (absent.has(partSpec(key).query as QueryName) ? [] : results.get(partSpec(key).query as QueryName)!.map((share) => share.then((rows) => ({ key, ...rows })))));
    while (pending.length > 0) {
      const { at, key, fields: columns, rows } = await Promise.race(pending.map((share, at) => share.then((rows) => ({ at, ...rows }))));
      pending.splice(at, 1);
      attachParts(relations, key, columns, rows as unknown[][]);
    }
    const lists = {} as { [K in ListKey]: Snapshot[K] };
    for (const key of LIST_KEYS) {
      const { query, fromRow } = KINDS[key] as { query: QueryName; fromRow?: (row: Record<string, unknown>, context: RowContext) => unknown };
      const rows = await run<Record<string, unknown>>(query);
      (lists as Record<ListKey, unknown[]>)[key] = fromRow ? rows.flatMap((row) => fromRow(row, context) ?? []) : rows;
    }
    const accessLists = options.privileges ? await readAccessLists((name) => run(name), isIgnoredTable) : {};
    // read with privileges, default privileges are described (defaultPrivileges), not only counted
    const uncovered = await run<NotCompared & { relation: [string, string] | null }>('not-compared');

    return {
      formatVersion: SNAPSHOT_FORMAT_VERSION,
      postgresMajor: Math.floor(version / 10000),
      ...lists,
      ...relationLists,
      ...accessLists,
      // the parts of an ignored table are ignored with it
      notCompared: uncovered.filter((o) => o.relation === null || !isIgnoredTable(...o.relation)).map(({ kind, identity }) => ({ kind, identity })),
    };
  } finally {
    // both transactions end only after every query has run (or failed): the export lives as long as main's
    const helper = await second;
    const closed = helper?.end().catch(() => {});
    if (options.waitForClose !== false) await closed;
    await client.query('ROLLBACK').catch(() => {});
  }
}

/**
 * Appends each part row to its relation's list of `key`, as a stored object of the model's fields
 * in key order (no copy to serialize it canonically); the query's helper columns (relid) are not
 * stored. A row of a relation without this part (a view's constraints) or left out (an ignored
 * table) is skipped.
 */
function attachParts(relations: Map<number, Record<string, unknown[]>>, key: PartKey, columns: readonly string[], rows: readonly unknown[][]): void {
  const { query, model, derived } = partSpec(key) as { query: QueryName; model: { shape: object }; derived?: Record<string, (siblings: readonly unknown[]) => unknown> };
  const fields = Object.keys(model.shape).sort();
  const derive = fields.map((field) => derived?.[field]);
  const at = fields.map((field) => columns.indexOf(field));
  const missing = fields.filter((field, i) => at[i] === -1 && !derive[i]);
  if (missing.length > 0) throw new Error(`catalog query ${query}.sql returns no column ${missing.join(', ')} for the ${key} of the model`);
  const relidAt = columns.indexOf('relid');
  for (const row of rows) {
    const owned = relations.get(row[relidAt] as number)?.[key];
    if (!owned) continue;
    const stored: Record<string, unknown> = {};
    for (let i = 0; i < fields.length; i++) stored[fields[i]!] = derive[i] ? derive[i]!(owned) : row[at[i]!];
    owned.push(stored);
  }
}
