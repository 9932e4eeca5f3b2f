import { readFileSync } from 'node:fs';

export const QUERY_NAMES = [
  'schemas',
  'extensions',
  'enums',
  'domains',
  'tables',
  'columns',
  'constraints',
  'indexes',
  'triggers',
  'policies',
  'functions',
  'sequences',
  'views',
] as const;
export type QueryName = (typeof QUERY_NAMES)[number];

/** The oldest server the queries are written for; older catalogs lack columns they read. */
export const MIN_SERVER_VERSION_NUM = 130000;

// A line ending in `-- pg>=14` is kept only on PostgreSQL 14+, `-- pg<14` only before 14.
const GATE = /\s*--\s*pg(>=|<)(\d+)\s*$/;

/** Keeps the lines of `sql` whose version gate `serverVersionNum` passes. */
export function gateQuery(sql: string, serverVersionNum: number): string {
  const major = Math.floor(serverVersionNum / 10000);
  return sql
    .split('\n')
    .flatMap((line) => {
      const gate = GATE.exec(line);
      if (!gate) return [line];
      const bound = Number(gate[2]);
      const keep = gate[1] === '>=' ? major >= bound : major < bound;
      return keep ? [line.slice(0, gate.index)] : [];
    })
    .join('\n');
}

const cache = new Map<string, string>();

/** The query `name` for a server, read once from `queries/<name>.sql`. */
export function catalogQuery(name: QueryName, serverVersionNum: number): string {
  const key = `${name}@${Math.floor(serverVersionNum / 10000)}`;
  let sql = cache.get(key);
  if (sql === undefined) {
    sql = gateQuery(readFileSync(new URL(`./queries/${name}.sql`, import.meta.url), 'utf8'), serverVersionNum);
    cache.set(key, sql);
  }
  return sql;
}
