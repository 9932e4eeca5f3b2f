import type pg from 'pg';
import { catalogQuery, MIN_SERVER_VERSION_NUM, type QueryName } from './queries.js';
import { SNAPSHOT_FORMAT_VERSION, type Column, type Index, type Snapshot, type Table, type Trigger, type View } from './model.js';

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
}

const ALWAYS_EXCLUDED_SCHEMAS = ['information_schema'];

type Row<T> = T & { schema: string };
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
    const run = async <T>(name: QueryName): Promise<T[]> => {
      try {
        return (await client.query<T & pg.QueryResultRow>(catalogQuery(name, version), [excludedSchemas])).rows;
      } catch (error) {
        throw new Error(`catalog query ${name}.sql failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
    };

    const schemas = await run<Snapshot['schemas'][number]>('schemas');
    const extensions = await run<Snapshot['extensions'][number]>('extensions');
    const enums = await run<Snapshot['enums'][number]>('enums');
    const domains = await run<Snapshot['domains'][number]>('domains');
    const tableRows = await run<Nested<Omit<Table, 'columns' | 'constraints' | 'indexes' | 'triggers' | 'policies'>>>('tables');
    const columnRows = await run<Nested<Omit<Column, 'position'>>>('columns');
    const constraintRows = await run<Nested<Table['constraints'][number]>>('constraints');
    const indexRows = await run<Nested<Index>>('indexes');
    const triggerRows = await run<Nested<Trigger>>('triggers');
    const policyRows = await run<Nested<Table['policies'][number]>>('policies');
    const functionRows = await run<Row<Omit<Snapshot['functions'][number], 'body'> & { body: string }>>('functions');
    const sequenceRows = await run<Snapshot['sequences'][number] & { ownerTable: [string, string] | null }>('sequences');
    const viewRows = await run<Nested<Omit<View, 'definition' | 'columns' | 'indexes' | 'triggers'> & { definition: string }>>('views');

    // OIDs join the rows to their relation and are dropped: they differ between two builds.
    const relations = new Map<number, Table | View>();
    const tables: Table[] = [];
    for (const { relid, ...t } of tableRows) {
      if (isIgnoredTable(t.schema, t.name)) continue;
      const table: Table = { ...t, columns: [], constraints: [], indexes: [], triggers: [], policies: [] };
      tables.push(table);
      relations.set(relid, table);
    }
    const views: View[] = [];
    for (const { relid, ...v } of viewRows) {
      const view: View = { ...v, definition: lines(v.definition), columns: [], indexes: [], triggers: [] };
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

    const sequences = sequenceRows
      .filter((s) => s.ownerTable === null || !isIgnoredTable(...s.ownerTable))
      .map(({ ownerTable: _, ...s }) => s);

    return {
      formatVersion: SNAPSHOT_FORMAT_VERSION,
      postgresMajor: Math.floor(version / 10000),
      schemas,
      extensions,
      enums,
      domains,
      tables,
      views,
      functions: functionRows.map((f) => ({ ...f, body: lines(f.body) })),
      sequences,
    };
  } finally {
    await client.query('ROLLBACK').catch(() => {});
  }
}



/** One element per line, so a changed line of a long definition is one changed line of JSON. */
function lines(text: string | null): string[] {
  return text === null ? [] : text.split('\n');
}
