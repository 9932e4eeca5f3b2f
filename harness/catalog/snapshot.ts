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
 * The bookkeeping of the two migration tools: the legacy runner's `schema_migrations` and
 * drizzle's `__drizzle_migrations` (in the `drizzle` schema by default). They are not the schema
 * the app uses, and they are exactly what differs between a replayed and an adopted database.
 */
export const DEFAULT_IGNORE: Required<IgnoreRules> = {
  schemas: ['drizzle'],
  tables: ['schema_migrations', '__drizzle_migrations'],
};

export interface SnapshotOptions {
  ignore?: IgnoreRules;
}

const ALWAYS_EXCLUDED_SCHEMAS = ['information_schema'];

type Row<T> = T & { schema: string };
type Nested<T> = T & { schema: string; table: string };

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
    const tableRows = await run<Row<Omit<Table, 'columns' | 'constraints' | 'indexes' | 'triggers' | 'policies'>>>('tables');
    const columnRows = await run<Nested<Omit<Column, 'position'>>>('columns');
    const constraintRows = await run<Nested<Table['constraints'][number]>>('constraints');
    const indexRows = await run<Nested<Index>>('indexes');
    const triggerRows = await run<Nested<Trigger>>('triggers');
    const policyRows = await run<Nested<Table['policies'][number]>>('policies');
    const functionRows = await run<Row<Omit<Snapshot['functions'][number], 'body'> & { body: string }>>('functions');
    const sequenceRows = await run<Snapshot['sequences'][number] & { ownerTable: [string, string] | null }>('sequences');
    const viewRows = await run<Row<Omit<View, 'definition' | 'columns' | 'indexes' | 'triggers'> & { definition: string }>>('views');

    const tables: Table[] = tableRows
      .filter((t) => !isIgnoredTable(t.schema, t.name))
      .map((t) => ({ ...t, columns: [], constraints: [], indexes: [], triggers: [], policies: [] }));
    const views: View[] = viewRows.map((v) => ({ ...v, definition: lines(v.definition), columns: [], indexes: [], triggers: [] }));
    const relations = new Map<string, Table | View>();
    for (const r of [...tables, ...views]) relations.set(key(r.schema, r.name), r);

    // Rows arrive ordered by (schema, table, …); appending keeps that order inside each relation.
    for (const { schema, table, ...column } of columnRows) {
      const owner = relations.get(key(schema, table));
      if (owner) owner.columns.push({ ...column, position: owner.columns.length + 1 });
    }
    for (const { schema, table, ...item } of constraintRows) tableOf(relations, schema, table)?.constraints.push(item);
    for (const { schema, table, ...item } of policyRows) tableOf(relations, schema, table)?.policies.push(item);
    for (const { schema, table, ...item } of indexRows) relations.get(key(schema, table))?.indexes.push(item);
    for (const { schema, table, ...item } of triggerRows) relations.get(key(schema, table))?.triggers.push(item);

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

function key(schema: string, name: string): string {
  return `${schema}\u0000${name}`;
}

function tableOf(relations: Map<string, Table | View>, schema: string, name: string): Table | undefined {
  const relation = relations.get(key(schema, name));
  return relation && 'constraints' in relation ? relation : undefined;
}

/** One element per line, so a changed line of a long definition is one changed line of JSON. */
function lines(text: string | null): string[] {
  return text === null ? [] : text.split('\n');
}
