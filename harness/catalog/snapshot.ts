import type pg from 'pg';
import { COVERED_KINDS, KINDS, LIST_KEYS, type ListKey, type RowContext } from './kinds.js';
import { readAccessLists } from './privileges.js';
import { QUERY_NAMES, type QueryName } from './queries.js';
import { ALWAYS_EXCLUDED_SCHEMAS, DEFAULT_IGNORE, endRead, openCatalogRead, PART_QUERIES, type CatalogRead, type IgnoreRules } from './read.js';
import { builtInKeyOrder, withSortedKeys } from './json.js';
import { SNAPSHOT_FORMAT_VERSION, type NotCompared, type Snapshot } from './model.js';
import { PART_KEYS, partSpec, partsOf, RELATION_KEYS, relationSpec, type PartKey, type RelationKey } from './relations.js';

export { beginCatalogRead, abandonCatalogRead, DEFAULT_IGNORE, type CatalogRead, type IgnoreRules } from './read.js';

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

// a read begun before the model was loaded started exactly the parts' queries
const partQueries = PART_KEYS.map((key) => partSpec(key).query as QueryName);
if (partQueries.length !== PART_QUERIES.size || partQueries.some((name) => !PART_QUERIES.has(name))) {
  throw new Error(`read.ts PART_QUERIES (${[...PART_QUERIES].join(', ')}) are not the parts' queries (${partQueries.join(', ')})`);
}

/** A row of a relation or of a relation's part (column, index…): `relid` is the relation's OID, used only to join. */
type Nested = Record<string, unknown> & { relid: number };

/**
 * Reads the catalog of the database `client` is connected to, in one REPEATABLE READ READ ONLY
 * transaction (see beginSnapshot) — on a large catalog with `options.connect`, in two that share
 * its snapshot. With `begun`, finishes that read (begun on this client by beginCatalogRead).
 */
export async function takeSnapshot(client: pg.ClientBase, options: SnapshotOptions & { begun?: CatalogRead } = {}): Promise<Snapshot> {
  const ignore = { ...DEFAULT_IGNORE, ...options.ignore };
  const excludedSchemas = [...ALWAYS_EXCLUDED_SCHEMAS, ...ignore.schemas];
  const ignoredTables = new Set(ignore.tables);
  const isIgnoredTable = (schema: string, name: string) => ignoredTables.has(name) || ignoredTables.has(`${schema}.${name}`);

  if (options.begun && options.begun.client !== client) throw new Error('takeSnapshot: the read was begun on another client');
  // begun here, every query is queued before the connections start: they take them in cost order
  const { version, reader, second, absent, branches } = options.begun ?? (await openCatalogRead(client, { connect: options.connect, prepared: options.prepared, excludedSchemas }));
  try {
    // every other query this snapshot needs, queued at once; each is awaited where its rows are used
    const coveredKinds = options.privileges ? [...COVERED_KINDS, 'default privileges'] : COVERED_KINDS;
    const access: QueryName[] = ['grants', 'default-privileges', 'owners'];
    const needed = QUERY_NAMES.filter((name) => options.privileges || !access.includes(name));
    reader.add(
      needed
        .filter((name) => !absent.has(name) && !PART_QUERIES.has(name))
        .map((name) => ({ name, params: name === 'not-compared' ? [excludedSchemas, coveredKinds] : [excludedSchemas], branches: branches.get(name) })),
    );
    reader.close();
    reader.start();
    const run = async <T>(name: QueryName): Promise<T[]> => (absent.has(name) ? [] : (await Promise.all(reader.results(name))).flatMap((share) => share.rows as T[]));

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
        for (const field of fields) relation[field] = parts.has(field) ? [] : inKeyOrder(item[field]);
        list.push(relation);
        relations.set(row.relid, relation as Record<string, unknown[]>);
      }
      (relationLists as Record<RelationKey, unknown[]>)[key] = list;
    }
    // Each part's rows (each share of them) as soon as they are in, whatever the order: a
    // relation's rows of a part are all in one share, ordered by (schema, table, …), so appending
    // keeps that order inside each relation. This must stay cheap: a 5,000-table catalog has
    // ~100,000 part rows.
    const pending = PART_KEYS.flatMap((key) => (absent.has(partSpec(key).query as QueryName) ? [] : reader.results(partSpec(key).query as QueryName).map((share) => share.then((rows) => ({ key, ...rows })))));
    while (pending.length > 0) {
      const { at, key, fields: columns, rows } = await Promise.race(pending.map((share, at) => share.then((rows) => ({ at, ...rows }))));
      pending.splice(at, 1);
      attachParts(relations, key, columns, rows as unknown[][]);
    }
    const lists = {} as { [K in ListKey]: Snapshot[K] };
    for (const key of LIST_KEYS) {
      const { query, fromRow } = KINDS[key] as { query: QueryName; fromRow?: (row: Record<string, unknown>, context: RowContext) => unknown };
      const rows = await run<Record<string, unknown>>(query);
      // (rows in the query's column order: sorted here, the relations are built sorted)
      (lists as Record<ListKey, unknown[]>)[key] = withSortedKeys(fromRow ? rows.flatMap((row) => fromRow(row, context) ?? []) : rows);
    }
    const accessLists = options.privileges ? withSortedKeys(await readAccessLists((name) => run(name), isIgnoredTable)) : {};
    // read with privileges, default privileges are described (defaultPrivileges), not only counted
    const uncovered = await run<NotCompared & { relation: [string, string] | null }>('not-compared');

    return builtInKeyOrder({
      formatVersion: SNAPSHOT_FORMAT_VERSION,
      postgresMajor: Math.floor(version / 10000),
      ...lists,
      ...relationLists,
      ...accessLists,
      // the parts of an ignored table are ignored with it
      notCompared: uncovered.filter((o) => o.relation === null || !isIgnoredTable(...o.relation)).map(({ kind, identity }) => ({ identity, kind })),
    });
  } finally {
    reader.close();
    await endRead(client, second, options.waitForClose !== false);
  }
}

/** A value of a relation or part field: an object in it (rare: most are strings) gets its keys sorted. */
function inKeyOrder(value: unknown): unknown {
  return value !== null && typeof value === 'object' ? withSortedKeys(value) : value;
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
    for (let i = 0; i < fields.length; i++) stored[fields[i]!] = derive[i] ? inKeyOrder(derive[i]!(owned)) : inKeyOrder(row[at[i]!]);
    owned.push(stored);
  }
}
