import { z } from 'zod';

/**
 * The catalog snapshot: one plain JSON document of lists (pg-schema-diff's `Schema`). Every list
 * is in a stable order, every value is written by the server (`format_type`, `pg_get_*def`), and
 * nothing in it changes between two builds of the same schema (no OIDs, no sizes, no owners).
 *
 * Bump SNAPSHOT_FORMAT_VERSION whenever the shape changes; files of another version are refused.
 */
export const SNAPSHOT_FORMAT_VERSION = 1;

const text = z.string();
const maybe = text.nullable();

export const Column = z.strictObject({
  name: text,
  /** 1-based among the live columns (dropped columns leave no gap). */
  position: z.number().int().positive(),
  type: text,
  notNull: z.boolean(),
  /** The default, or for a generated column its expression. */
  default: maybe,
  generated: z.enum(['stored', 'virtual']).nullable(),
  identity: z.enum(['always', 'by default']).nullable(),
  /** Only when it differs from the type's default collation. */
  collation: maybe,
  comment: maybe,
});

export const Constraint = z.strictObject({
  name: text,
  // 'not null': PostgreSQL 18's NOT NULL … NO INHERIT / NOT VALID (other NOT NULLs are the column's notNull)
  type: z.enum(['primary key', 'unique', 'check', 'foreign key', 'exclusion', 'not null']),
  definition: text,
  comment: maybe,
});

export const Index = z.strictObject({
  name: text,
  definition: text,
  method: text,
  unique: z.boolean(),
  primary: z.boolean(),
  predicate: maybe,
  /** The primary key / unique / exclusion constraint this index implements. */
  constraint: maybe,
  valid: z.boolean(),
  comment: maybe,
});

export const Trigger = z.strictObject({
  name: text,
  definition: text,
  enabled: z.enum(['origin', 'disabled', 'replica', 'always']),
  comment: maybe,
});

export const Policy = z.strictObject({
  name: text,
  command: z.enum(['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'ALL']),
  permissive: z.boolean(),
  roles: z.array(text),
  using: maybe,
  withCheck: maybe,
});

export const Table = z.strictObject({
  schema: text,
  name: text,
  partitioned: z.boolean(),
  partitionKey: maybe,
  partitionBound: maybe,
  /** `schema.table` of inheritance / partition parents, in inheritance order. */
  parents: z.array(text),
  unlogged: z.boolean(),
  rowSecurity: z.boolean(),
  forceRowSecurity: z.boolean(),
  options: z.array(text),
  comment: maybe,
  columns: z.array(Column),
  constraints: z.array(Constraint),
  indexes: z.array(Index),
  triggers: z.array(Trigger),
  policies: z.array(Policy),
});

export const View = z.strictObject({
  schema: text,
  name: text,
  materialized: z.boolean(),
  /** The server's deparsed query, one line per element (diffs well). */
  definition: z.array(text),
  options: z.array(text),
  comment: maybe,
  columns: z.array(Column),
  indexes: z.array(Index),
  triggers: z.array(Trigger),
});

export const Enum = z.strictObject({ schema: text, name: text, labels: z.array(text), comment: maybe });

export const Domain = z.strictObject({
  schema: text,
  name: text,
  type: text,
  notNull: z.boolean(),
  default: maybe,
  collation: maybe,
  /** `name CHECK (…)`, by name. */
  checks: z.array(text),
  comment: maybe,
});

export const Function = z.strictObject({
  schema: text,
  name: text,
  identityArguments: text,
  kind: z.enum(['function', 'procedure', 'aggregate', 'window']),
  arguments: text,
  returns: maybe,
  language: text,
  volatility: z.enum(['immutable', 'stable', 'volatile']),
  strict: z.boolean(),
  securityDefiner: z.boolean(),
  leakproof: z.boolean(),
  parallel: z.enum(['safe', 'restricted', 'unsafe']),
  cost: z.number(),
  rows: z.number(),
  config: z.array(text),
  /** The source text, one line per element. */
  body: z.array(text),
  comment: maybe,
});

export const Sequence = z.strictObject({
  schema: text,
  name: text,
  type: text,
  start: text,
  increment: text,
  min: text,
  max: text,
  cache: text,
  cycle: z.boolean(),
  /** `schema.table.column` for serial and identity sequences. */
  ownedBy: maybe,
  identity: z.boolean(),
  comment: maybe,
});

export const Extension = z.strictObject({ name: text, schema: text, version: text });
export const SchemaEntry = z.strictObject({ name: text, comment: maybe });

export const Snapshot = z.strictObject({
  formatVersion: z.literal(SNAPSHOT_FORMAT_VERSION),
  /** The server major it was taken on: deparsed definitions can differ between majors. */
  postgresMajor: z.number().int(),
  schemas: z.array(SchemaEntry),
  extensions: z.array(Extension),
  enums: z.array(Enum),
  domains: z.array(Domain),
  tables: z.array(Table),
  views: z.array(View),
  functions: z.array(Function),
  sequences: z.array(Sequence),
});

export type Snapshot = z.infer<typeof Snapshot>;
export type Table = z.infer<typeof Table>;
export type View = z.infer<typeof View>;
export type Column = z.infer<typeof Column>;
export type Constraint = z.infer<typeof Constraint>;
export type Index = z.infer<typeof Index>;
export type Trigger = z.infer<typeof Trigger>;
export type Policy = z.infer<typeof Policy>;
export type Enum = z.infer<typeof Enum>;
export type Domain = z.infer<typeof Domain>;
export type Function = z.infer<typeof Function>;
export type Sequence = z.infer<typeof Sequence>;
export type Extension = z.infer<typeof Extension>;
