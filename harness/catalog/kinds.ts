import type * as z from 'zod';
import { ident, qualifiedName } from './identity.js';
import * as model from './model.js';
import type { Snapshot } from './model.js';
import type { QueryName } from './queries.js';
import { lines, partsOf, RELATION_COVERS, RELATION_KEYS, relationSpec, type RelationKey } from './relations.js';

export { lines, RELATION_COVERS };

/**
 * The one list of the snapshot's stand-alone object kinds. Each entry says where its rows come
 * from (a query file), what it is called in reports, how it is identified, and which kinds of
 * the coverage guard (queries/not-compared.sql) it represents. What is compared is every field of
 * its zod model but the identity: a field added to the model is compared without another edit.
 * The type requires an entry for every list of the snapshot, so a kind cannot be half-registered.
 * Tables and views, which carry parts (columns, indexes…), are declared in relations.ts.
 */
export type ListKey = Exclude<keyof Snapshot, 'formatVersion' | 'postgresMajor' | 'notCompared' | RelationKey | AccessListKey>;
/** The privilege and ownership lists: opt-in, filled and compared apart (catalog/privileges.ts, compare/privileges.ts). */
export type AccessListKey = 'grants' | 'defaultPrivileges' | 'owners';
export type ItemOf<K extends ListKey> = Snapshot[K][number];

export interface KindSpec<T> {
  /** The word for one object in reports and in a difference's `object`. */
  object: string;
  /** The heading of its report section. */
  section: string;
  query: QueryName;
  model: z.ZodObject;
  /** The fields that identify an object (not compared: they are the key). */
  identityFields: ReadonlyArray<keyof T & string>;
  /** The identity key, unambiguous (names quoted where needed); also the difference's path. */
  identity: (item: T) => string;
  /** Kinds of the coverage guard that this list represents. */
  covers: readonly string[];
  /** Compared (and reported) before tables: the kinds tables are made of. */
  beforeRelations?: true;
  /** A row of the query to the stored object, or undefined to leave it out (ignored tables). */
  fromRow?: (row: Record<string, unknown>, context: RowContext) => T | undefined;
}

export interface RowContext {
  isIgnoredTable(schema: string, name: string): boolean;
}

const byName = (o: { name: string }) => ident(o.name);

/** Drops `ownerTable` (a query's helper column) and the row itself when that table is ignored. */
function unlessOwnerIgnored<T>(row: Record<string, unknown>, context: RowContext): T | undefined {
  const { ownerTable, ...rest } = row as { ownerTable: [string, string] | null };
  return ownerTable && context.isIgnoredTable(...ownerTable) ? undefined : (rest as T);
}

export const KINDS = {
  schemas: { object: 'schema', section: 'Schemas', query: 'schemas', model: model.SchemaEntry, identityFields: ['name'], identity: byName, covers: [], beforeRelations: true },
  extensions: { object: 'extension', section: 'Extensions', query: 'extensions', model: model.Extension, identityFields: ['name'], identity: byName, covers: [], beforeRelations: true },
  enums: { object: 'enum', section: 'Enums', query: 'enums', model: model.Enum, identityFields: ['schema', 'name'], identity: qualifiedName, covers: ['enum'], beforeRelations: true },
  domains: { object: 'domain', section: 'Domains', query: 'domains', model: model.Domain, identityFields: ['schema', 'name'], identity: qualifiedName, covers: ['domain', 'domain constraint'], beforeRelations: true },
  compositeTypes: { object: 'composite type', section: 'Composite types', query: 'composite-types', model: model.CompositeType, identityFields: ['schema', 'name'], identity: qualifiedName, covers: ['composite type'], beforeRelations: true },
  rangeTypes: { object: 'range type', section: 'Range types', query: 'range-types', model: model.RangeType, identityFields: ['schema', 'name'], identity: qualifiedName, covers: ['range type', 'multirange type'], beforeRelations: true },
  collations: { object: 'collation', section: 'Collations', query: 'collations', model: model.Collation, identityFields: ['schema', 'name'], identity: qualifiedName, covers: ['collation'], beforeRelations: true },
  functions: {
    object: 'function',
    section: 'Functions',
    query: 'functions',
    model: model.Function,
    identityFields: ['schema', 'name', 'identityArguments'],
    identity: (f) => `${qualifiedName(f)}(${f.identityArguments})`,
    covers: ['function', 'procedure', 'window function'],
    fromRow: (row) => ({ ...(row as unknown as model.Function), body: lines(row.body as string | null) }),
  },
  sequences: { object: 'sequence', section: 'Sequences', query: 'sequences', model: model.Sequence, identityFields: ['schema', 'name'], identity: qualifiedName, covers: ['sequence'], fromRow: unlessOwnerIgnored },
  aggregates: {
    object: 'aggregate',
    section: 'Aggregates',
    query: 'aggregates',
    model: model.Aggregate,
    identityFields: ['schema', 'name', 'identityArguments'],
    identity: (f) => `${qualifiedName(f)}(${f.identityArguments})`,
    covers: ['aggregate'],
  },
  operators: {
    object: 'operator',
    section: 'Operators',
    query: 'operators',
    model: model.Operator,
    identityFields: ['schema', 'name', 'left', 'right'],
    // operator names are symbols: never quoted, and they hold no `.`, `(` or `,`
    identity: (o) => `${ident(o.schema)}.${o.name}(${o.left ?? 'NONE'},${o.right ?? 'NONE'})`,
    covers: ['operator'],
  },
  casts: { object: 'cast', section: 'Casts', query: 'casts', model: model.Cast, identityFields: ['source', 'target'], identity: (c) => `(${c.source} AS ${c.target})`, covers: ['cast'] },
  operatorFamilies: { object: 'operator family', section: 'Operator families', query: 'operator-families', model: model.OperatorFamily, identityFields: ['schema', 'name', 'method'], identity: (f) => `${qualifiedName(f)} USING ${f.method}`, covers: ['operator family'] },
  operatorClasses: { object: 'operator class', section: 'Operator classes', query: 'operator-classes', model: model.OperatorClass, identityFields: ['schema', 'name', 'method'], identity: (c) => `${qualifiedName(c)} USING ${c.method}`, covers: ['operator class'] },
  textSearchConfigurations: { object: 'text search configuration', section: 'Text search configurations', query: 'text-search-configurations', model: model.TextSearchConfiguration, identityFields: ['schema', 'name'], identity: qualifiedName, covers: ['text search configuration'] },
  textSearchDictionaries: { object: 'text search dictionary', section: 'Text search dictionaries', query: 'text-search-dictionaries', model: model.TextSearchDictionary, identityFields: ['schema', 'name'], identity: qualifiedName, covers: ['text search dictionary'] },
  foreignDataWrappers: { object: 'foreign-data wrapper', section: 'Foreign-data wrappers', query: 'foreign-data-wrappers', model: model.ForeignDataWrapper, identityFields: ['name'], identity: byName, covers: ['foreign-data wrapper'] },
  foreignServers: { object: 'foreign server', section: 'Foreign servers', query: 'foreign-servers', model: model.ForeignServer, identityFields: ['name'], identity: byName, covers: ['foreign server'] },
  foreignTables: {
    object: 'foreign table',
    section: 'Foreign tables',
    query: 'foreign-tables',
    model: model.ForeignTable,
    identityFields: ['schema', 'name'],
    identity: qualifiedName,
    covers: ['foreign table', 'constraint on relation of kind f', 'trigger on relation of kind f'],
    fromRow: (row, context) => (context.isIgnoredTable(row.schema as string, row.name as string) ? undefined : (row as unknown as model.ForeignTable)),
  },
  conversions: { object: 'conversion', section: 'Conversions', query: 'conversions', model: model.Conversion, identityFields: ['schema', 'name'], identity: qualifiedName, covers: ['conversion'] },
  languages: { object: 'language', section: 'Languages', query: 'languages', model: model.Language, identityFields: ['name'], identity: byName, covers: ['language'] },
  accessMethods: { object: 'access method', section: 'Access methods', query: 'access-methods', model: model.AccessMethod, identityFields: ['name'], identity: byName, covers: ['access method'] },
  statistics: { object: 'statistics', section: 'Extended statistics', query: 'statistics', model: model.Statistics, identityFields: ['schema', 'name'], identity: qualifiedName, covers: ['statistics'], fromRow: unlessOwnerIgnored },
  publications: { object: 'publication', section: 'Publications', query: 'publications', model: model.Publication, identityFields: ['name'], identity: byName, covers: ['publication'] },
  eventTriggers: { object: 'event trigger', section: 'Event triggers', query: 'event-triggers', model: model.EventTrigger, identityFields: ['name'], identity: byName, covers: ['event trigger'] },
} as const satisfies { [K in ListKey]: KindSpec<ItemOf<K>> };

export const LIST_KEYS = Object.keys(KINDS) as ListKey[];

/** Every kind of the coverage guard that a snapshot represents. */
export const COVERED_KINDS: readonly string[] = [...RELATION_COVERS, ...LIST_KEYS.flatMap((key) => KINDS[key].covers)];

/** The properties of a kind that are compared: every field of its model but the identity. */
export function comparedProps<K extends ListKey>(key: K): Array<keyof ItemOf<K> & string> {
  const spec = KINDS[key] as unknown as KindSpec<ItemOf<K>>;
  return Object.keys(spec.model.shape).filter((field) => !spec.identityFields.includes(field as never)) as Array<keyof ItemOf<K> & string>;
}

/**
 * The first identity a snapshot lists twice, with the JSON paths of both, or undefined. A
 * catalog cannot hold two objects with one identity: such a file was edited or damaged, and a
 * comparison would silently keep one of the two.
 */
export function duplicateIdentity(snapshot: Snapshot): { key: string; first: string; second: string } | undefined {
  const check = <T>(list: readonly T[], at: string, keyOf: (item: T) => string) => {
    const seen = new Map<string, number>();
    for (const [i, item] of list.entries()) {
      const key = keyOf(item);
      const first = seen.get(key);
      if (first !== undefined) return { key, first: `${at}[${first}]`, second: `${at}[${i}]` };
      seen.set(key, i);
    }
    return undefined;
  };
  for (const key of LIST_KEYS) {
    const found = check(snapshot[key] as ItemOf<typeof key>[], `$.${key}`, (KINDS[key] as unknown as KindSpec<ItemOf<typeof key>>).identity);
    if (found) return found;
  }
  const relations = RELATION_KEYS.flatMap((key) => snapshot[key].map((r, i) => ({ key, at: `$.${key}[${i}]`, r: r as Record<string, unknown> & { schema: string; name: string } })));
  const found = check(relations, '$.relations', (x) => relationSpec(x.key).identity(x.r as never));
  if (found) {
    const at = (path: string) => relations[Number(/\[(\d+)\]$/.exec(path)![1])]!.at;
    return { key: found.key, first: at(found.first), second: at(found.second) };
  }
  for (const { key, at, r } of relations) {
    for (const part of partsOf(key)) {
      const dup = check(r[part] as ReadonlyArray<{ name: string }>, `${at}.${part}`, (p) => `${relationSpec(key).identity(r as never)}.${ident(p.name)}`);
      if (dup) return dup;
    }
  }
  return undefined;
}
