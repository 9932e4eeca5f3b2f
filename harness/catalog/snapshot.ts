import type pg from 'pg';
import { COVERED_KINDS, KINDS, LIST_KEYS, lines, type ListKey, type RowContext } from './kinds.js';
import { readAccessLists } from './privileges.js';
import { catalogQuery, MIN_SERVER_VERSION_NUM, type QueryName } from './queries.js';
import { SNAPSHOT_FORMAT_VERSION, type Column, type Index, type NotCompared, type Rule, type Snapshot, type Table, type Trigger, type View } from './model.js';

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
}

const ALWAYS_EXCLUDED_SCHEMAS = ['information_schema'];

/** A row of a relation's part (column, index…): `relid` is the relation's OID, used only to join. */
type Nested<T> = T & { relid: number };

/**
 * Reads the catalog of the database `client` is connected to. All queries run in one
 * REPEATABLE READ READ ONLY transaction (one consistent picture, and it cannot write), with JIT
 * off (it costs more than it saves on catalog queries) and search_path = pg_catalog, so every
 * name the server writes into a definition is schema-qualified the same way on every machine.
 */
export async function takeSnapshot(client: pg.ClientBase, options: SnapshotOptions = {}): Promise<Snapshot> {
  const ignore = { ...DEFAULT_IGNORE, ...options.ignore };
  const excludedSchemas = [...ALWAYS_EXCLUDED_SCHEMAS, ...ignore.schemas];
  const ignoredTables = new Set(ignore.tables);
  const isIgnoredTable = (schema: string, name: string) => ignoredTables.has(name) || ignoredTables.has(`${schema}.${name}`);

  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    // work_mem: sorting thousands of deparsed definitions must not spill to disk
    await client.query("SET LOCAL jit = off; SET LOCAL search_path = pg_catalog; SET LOCAL lock_timeout = '10s'; SET LOCAL work_mem = '64MB'");
    const { rows: versionRows } = await client.query<{ v: number }>("SELECT current_setting('server_version_num')::int AS v");
    const version = versionRows[0]!.v;
    if (version < MIN_SERVER_VERSION_NUM) {
      throw new Error(`PostgreSQL ${Math.floor(version / 10000)} is too old to snapshot: schema-parity reads the catalogs of PostgreSQL 13 and later`);
    }
    const run = async <T>(name: QueryName, params: unknown[] = [excludedSchemas]): Promise<T[]> => {
      try {
        return (await client.query<T & pg.QueryResultRow>(catalogQuery(name, version), params)).rows;
      } catch (error) {
        throw new Error(`catalog query ${name}.sql failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
    };

    const context: RowContext = { isIgnoredTable };
    const lists = {} as { [K in ListKey]: Snapshot[K] };
    for (const key of LIST_KEYS) {
      const { query, fromRow } = KINDS[key] as { query: QueryName; fromRow?: (row: Record<string, unknown>, context: RowContext) => unknown };
      const rows = await run<Record<string, unknown>>(query);
      (lists as Record<ListKey, unknown[]>)[key] = fromRow ? rows.flatMap((row) => fromRow(row, context) ?? []) : rows;
    }
    const tableRows = await run<Nested<Omit<Table, 'columns' | 'constraints' | 'indexes' | 'triggers' | 'policies' | 'rules'>>>('tables');
    const columnRows = await run<Nested<Omit<Column, 'position'>>>('columns');
    const constraintRows = await run<Nested<Table['constraints'][number]>>('constraints');
    const indexRows = await run<Nested<Index>>('indexes');
    const triggerRows = await run<Nested<Trigger>>('triggers');
    const policyRows = await run<Nested<Table['policies'][number]>>('policies');
    const ruleRows = await run<Nested<Rule>>('rules');
    const viewRows = await run<Nested<Omit<View, 'definition' | 'columns' | 'indexes' | 'triggers' | 'rules'> & { definition: string }>>('views');
    const access = options.privileges ? await readAccessLists((name) => run(name), isIgnoredTable) : {};
    // read with privileges, default privileges are described (defaultPrivileges), not only counted
    const uncovered = await run<NotCompared & { relation: [string, string] | null }>('not-compared', [excludedSchemas, options.privileges ? [...COVERED_KINDS, 'default privileges'] : COVERED_KINDS]);

    // OIDs join the rows to their relation and are dropped: they differ between two builds.
    const relations = new Map<number, Table | View>();
    const tables: Table[] = [];
    for (const { relid, ...t } of tableRows) {
      if (isIgnoredTable(t.schema, t.name)) continue;
      const table: Table = { ...t, columns: [], constraints: [], indexes: [], triggers: [], policies: [], rules: [] };
      tables.push(table);
      relations.set(relid, table);
    }
    const views: View[] = [];
    for (const { relid, ...v } of viewRows) {
      const view: View = { ...v, definition: lines(v.definition), columns: [], indexes: [], triggers: [], rules: [] };
      views.push(view);
      relations.set(relid, view);
    }

    // Rows arrive ordered by (schema, table, …), so appending keeps that order inside each
    // relation. This loop must stay cheap: a 5,000-table catalog has ~100,000 rows.
    for (const row of columnRows) {
      const owner = relations.get(row.relid);
      if (!owner) continue;
      owner.columns.push({
        name: row.name,
        position: owner.columns.length + 1,
        type: row.type,
        notNull: row.notNull,
        default: row.default,
        generated: row.generated,
        identity: row.identity,
        collation: row.collation,
        comment: row.comment,
      });
    }
    for (const row of constraintRows) {
      const owner = relations.get(row.relid);
      if (owner && 'constraints' in owner) owner.constraints.push({ name: row.name, type: row.type, definition: row.definition, comment: row.comment });
    }
    for (const { relid, ...index } of indexRows) relations.get(relid)?.indexes.push(index);
    for (const { relid, ...policy } of policyRows) {
      const owner = relations.get(relid);
      if (owner && 'policies' in owner) owner.policies.push(policy);
    }
    for (const { relid, ...trigger } of triggerRows) relations.get(relid)?.triggers.push(trigger);
    for (const { relid, ...rule } of ruleRows) relations.get(relid)?.rules.push(rule);

    return {
      formatVersion: SNAPSHOT_FORMAT_VERSION,
      postgresMajor: Math.floor(version / 10000),
      ...lists,
      ...access,
      tables,
      views,
      // the parts of an ignored table are ignored with it
      notCompared: uncovered.filter((o) => o.relation === null || !isIgnoredTable(...o.relation)).map(({ kind, identity }) => ({ kind, identity })),
    };
  } finally {
    await client.query('ROLLBACK').catch(() => {});
  }
}

