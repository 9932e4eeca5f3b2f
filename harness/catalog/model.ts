import * as z from 'zod';

/**
 * The catalog snapshot: one plain JSON document of lists (pg-schema-diff's `Schema`). Every list
 * is in a stable order, every value is written by the server (`format_type`, `pg_get_*def`), and
 * nothing in it changes between two builds of the same schema (no OIDs, no sizes; owners and
 * grants only in a snapshot taken with privileges, for the opt-in rules).
 *
 * Bump SNAPSHOT_FORMAT_VERSION whenever the shape changes; files of another version are refused.
 */
export const SNAPSHOT_FORMAT_VERSION = 5;

const text = z.string();
const maybe = text.nullable();
/** `ALTER … DEPENDS ON EXTENSION` (pg_depend deptype 'x'): the extensions' names, sorted; null when none. */
const dependsOnExtensions = z.array(text).nullable();

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
  /**
   * Only when it differs from the type's default collation; as the server names it with
   * search_path = pg_catalog: `"C"`, `public."C"`, `s1.ci` (a collation outside pg_catalog is qualified).
   */
  collation: maybe,
  /** `plain`, `external`, `main` or `extended` (SET STORAGE); null when it is the type's. */
  storage: maybe,
  /** `pglz` or `lz4` (COMPRESSION, PostgreSQL 14+); null for the server's default. */
  compression: maybe,
  /** SET STATISTICS n; null for the default (-1 before PostgreSQL 17, NULL from 17). */
  statistics: z.number().int().nullable(),
  /** Attribute options (`n_distinct=-1`), sorted; null when none. */
  options: z.array(text).nullable(),
  /**
   * A column a table inherits from a parent (INHERITS; never a partition's): also declared in
   * the table itself (true: it outlives the parent's DROP COLUMN and NO INHERIT) or inherited only
   * (false). Null for every other column.
   */
  local: z.boolean().nullable(),
  comment: maybe,
});

export const Constraint = z.strictObject({
  name: text,
  // 'not null': PostgreSQL 18's NOT NULL … NO INHERIT / NOT VALID (other NOT NULLs are the column's notNull)
  type: z.enum(['primary key', 'unique', 'check', 'foreign key', 'exclusion', 'not null']),
  definition: text,
  /**
   * An inherited constraint (INHERITS; never a partition's) also declared in the table itself
   * (true: it outlives the parent's DROP CONSTRAINT and NO INHERIT) or inherited only (false), as
   * a column's `local`. Null for every other constraint.
   */
  local: z.boolean().nullable(),
  /**
   * The internal triggers that enforce it (a foreign key's, on its table and on the referenced
   * table; a deferrable key's recheck) that do not fire as usual, `table: disabled`,
   * `referenced table: replica`… (ALTER TABLE … DISABLE TRIGGER ALL disables them: the key is then
   * no longer enforced), sorted; null when all fire as usual.
   */
  triggers: z.array(text).nullable(),
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
  /** Statistics targets of its (expression) columns, `column=target` (ALTER INDEX … ALTER COLUMN n SET STATISTICS); null when none is set. */
  statistics: z.array(text).nullable(),
  /** A partition's index attached to an index of its parent (pg_inherits): that index, `schema.name`; null for any other index. */
  partitionOf: maybe,
  dependsOnExtensions,
  comment: maybe,
});

const Enabled = z.enum(['origin', 'disabled', 'replica', 'always']);

export const Trigger = z.strictObject({
  name: text,
  definition: text,
  enabled: Enabled,
  dependsOnExtensions,
  comment: maybe,
});

export const Policy = z.strictObject({
  name: text,
  command: z.enum(['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'ALL']),
  permissive: z.boolean(),
  roles: z.array(text),
  using: maybe,
  withCheck: maybe,
  comment: maybe,
});

/** A `CREATE RULE` on a table or view (never a view's own `_RETURN` rule: that is its query). */
export const Rule = z.strictObject({
  name: text,
  /** pg_get_ruledef: event, condition, INSTEAD, actions. */
  definition: text,
  enabled: Enabled,
  comment: maybe,
});

export const Table = z.strictObject({
  schema: text,
  name: text,
  partitioned: z.boolean(),
  partitionKey: maybe,
  partitionBound: maybe,
  /** `schema.table` of inheritance / partition parents, in inheritance order. */
  parents: z.array(text),
  /** `CREATE TABLE … OF type`: the composite type, qualified; null for any other table. */
  ofType: maybe,
  /** The table access method (`USING …`); null for heap, the server's default. */
  accessMethod: maybe,
  unlogged: z.boolean(),
  rowSecurity: z.boolean(),
  forceRowSecurity: z.boolean(),
  /** Storage parameters, sorted; those of its TOAST table prefixed `toast.` (as `WITH (toast.…)` sets them). */
  options: z.array(text),
  /** The index `ALTER TABLE … CLUSTER ON` marked; null when none. */
  clusterOn: maybe,
  /** What logical replication sends of an updated/deleted row: `default`, `full`, `nothing` or `index <name>`. */
  replicaIdentity: text,
  comment: maybe,
  columns: z.array(Column),
  constraints: z.array(Constraint),
  indexes: z.array(Index),
  triggers: z.array(Trigger),
  policies: z.array(Policy),
  rules: z.array(Rule),
});

export const View = z.strictObject({
  schema: text,
  name: text,
  materialized: z.boolean(),
  /** The server's deparsed query, one line per element (diffs well). */
  definition: z.array(text),
  /** As a table's: a materialized view's TOAST options prefixed `toast.`. */
  options: z.array(text),
  /** A materialized view's access method (`USING …`); null for heap and for a view. */
  accessMethod: maybe,
  /** A materialized view's CLUSTER ON index, as a table's; null without one. */
  clusterOn: maybe,
  /** A materialized view's DEPENDS ON EXTENSION, as a function's; null without one. */
  dependsOnExtensions,
  comment: maybe,
  columns: z.array(Column),
  indexes: z.array(Index),
  triggers: z.array(Trigger),
  rules: z.array(Rule),
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
  /**
   * COMMENT ON DOMAIN, then a line `constraint <name>: <comment>` for each commented CHECK
   * constraint, by name (a comment either way: compared as comments are); null when none.
   */
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
  /** The planner support function (`SUPPORT …`), as regproc prints it; null when none. */
  support: maybe,
  /** `TRANSFORM FOR TYPE …`: the types, sorted (format_type); null when none. */
  transforms: z.array(text).nullable(),
  /** The source text, one line per element. */
  body: z.array(text),
  dependsOnExtensions,
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
  unlogged: z.boolean(),
  /** `schema.table.column` for serial and identity sequences. */
  ownedBy: maybe,
  identity: z.boolean(),
  comment: maybe,
});

/** Every extension the user installed, whatever its schema (pg_catalog too: its members are not listed then either). */
export const Extension = z.strictObject({
  name: text,
  schema: text,
  version: text,
  /** COMMENT ON EXTENSION; null when it is the one the extension's control file gives (CREATE EXTENSION sets it). */
  comment: maybe,
});


/** `CREATE TYPE … AS (…)`: its attributes in order. */
export const CompositeType = z.strictObject({
  schema: text,
  name: text,
  attributes: z.array(z.strictObject({ name: text, type: text, collation: maybe })),
  /**
   * COMMENT ON TYPE, then a line `attribute <name>: <comment>` for each commented attribute
   * (COMMENT ON COLUMN type.attribute), in attribute order; null when none.
   */
  comment: maybe,
});

/** `CREATE TYPE … AS RANGE`; functions are `schema.name`, the opclass and collation qualified. */
export const RangeType = z.strictObject({
  schema: text,
  name: text,
  subtype: text,
  subtypeOpclass: text,
  collation: maybe,
  canonical: maybe,
  subtypeDiff: maybe,
  /** The multirange type that comes with it (PostgreSQL 14+). */
  multirange: maybe,
  comment: maybe,
});

export const Collation = z.strictObject({
  schema: text,
  name: text,
  provider: z.enum(['libc', 'icu', 'builtin', 'default']),
  lcCollate: maybe,
  lcCtype: maybe,
  /** The ICU / builtin locale (PostgreSQL 15+). */
  locale: maybe,
  icuRules: maybe,
  deterministic: z.boolean(),
  comment: maybe,
});

export const Publication = z.strictObject({
  name: text,
  allTables: z.boolean(),
  /** Of insert, update, delete, truncate. */
  operations: z.array(text),
  viaPartitionRoot: z.boolean(),
  /** `FOR TABLES IN SCHEMA` (PostgreSQL 15+). */
  schemas: z.array(text),
  /** By table; `columns` null when the whole row is published. */
  tables: z.array(z.strictObject({ table: text, columns: z.array(text).nullable(), rowFilter: maybe })),
  /**
   * `publish_generated_columns` (PostgreSQL 18+): `stored` when stored generated columns are
   * published; null for `none`, the default (and what every older server does).
   */
  generatedColumns: maybe,
  comment: maybe,
});

export const EventTrigger = z.strictObject({
  name: text,
  event: text,
  /** The `WHEN TAG IN (…)` list, sorted (its order changes nothing). */
  tags: z.array(text),
  function: text,
  enabled: Enabled,
  comment: maybe,
});

/** `CREATE STATISTICS` (extended statistics), as pg_get_statisticsobjdef writes it. */
export const Statistics = z.strictObject({
  schema: text,
  name: text,
  table: text,
  definition: text,
  /** `ALTER STATISTICS … SET STATISTICS n`; null for the default. */
  target: z.number().int().nullable(),
  comment: maybe,
});

/** An aggregate (in pg_proc with prokind 'a') with what defines it, from pg_aggregate. */
export const Aggregate = z.strictObject({
  schema: text,
  name: text,
  identityArguments: text,
  arguments: text,
  returns: maybe,
  kind: z.enum(['normal', 'ordered-set', 'hypothetical-set']),
  transition: text,
  stateType: text,
  stateSpace: z.number().int(),
  initial: maybe,
  /** The final function with its argument types (regprocedure), as every function here is named. */
  final: maybe,
  finalExtra: z.boolean(),
  finalModify: maybe,
  combine: maybe,
  serialize: maybe,
  deserialize: maybe,
  movingTransition: maybe,
  movingInverse: maybe,
  movingStateType: maybe,
  movingInitial: maybe,
  movingFinal: maybe,
  /** MFINALFUNC_EXTRA, MFINALFUNC_MODIFY, MSSPACE: null without a moving-aggregate mode (MSFUNC). */
  movingFinalExtra: z.boolean().nullable(),
  movingFinalModify: maybe,
  movingStateSpace: z.number().int().nullable(),
  sortOperator: maybe,
  parallel: z.enum(['safe', 'restricted', 'unsafe']),
  comment: maybe,
});

/** An operator; types by format_type, functions and operators as regproc/regoperator print them. */
export const Operator = z.strictObject({
  schema: text,
  name: text,
  left: maybe,
  right: maybe,
  result: text,
  function: text,
  commutator: maybe,
  negator: maybe,
  restrict: maybe,
  join: maybe,
  hashes: z.boolean(),
  merges: z.boolean(),
  comment: maybe,
});

export const Cast = z.strictObject({
  source: text,
  target: text,
  function: maybe,
  context: z.enum(['implicit', 'assignment', 'explicit']),
  method: z.enum(['function', 'inout', 'binary']),
  comment: maybe,
});

export const OperatorFamily = z.strictObject({
  schema: text,
  name: text,
  method: text,
  /** `strategy operator [FOR ORDER BY family]`. */
  operators: z.array(text),
  /** `number (left, right) function`. */
  functions: z.array(text),
  comment: maybe,
});

export const OperatorClass = z.strictObject({
  schema: text,
  name: text,
  method: text,
  type: text,
  default: z.boolean(),
  family: text,
  storage: maybe,
  comment: maybe,
});

export const TextSearchConfiguration = z.strictObject({
  schema: text,
  name: text,
  parser: text,
  /** `token type: dictionary, dictionary…`. */
  mappings: z.array(text),
  comment: maybe,
});

export const TextSearchDictionary = z.strictObject({ schema: text, name: text, template: text, options: maybe, comment: maybe });

export const ForeignDataWrapper = z.strictObject({ name: text, handler: maybe, validator: maybe, options: z.array(text), comment: maybe });

export const ForeignServer = z.strictObject({ name: text, wrapper: text, type: maybe, version: maybe, options: z.array(text), comment: maybe });

export const ForeignTable = z.strictObject({
  schema: text,
  name: text,
  server: text,
  options: z.array(text),
  /** As a table's: the bound of a partition, else null; `schema.table` of its inheritance / partition parents, in inheritance order. */
  partitionBound: maybe,
  parents: z.array(text),
  /** `default` holds a generated column's expression; `statistics` is SET STATISTICS n, null for the default. */
  columns: z.array(
    z.strictObject({
      name: text,
      type: text,
      notNull: z.boolean(),
      default: maybe,
      generated: z.enum(['stored', 'virtual']).nullable(),
      collation: maybe,
      statistics: z.number().int().nullable(),
      options: z.array(text),
    }),
  ),
  /** `name CHECK (…)`, by name. */
  constraints: z.array(text),
  /** pg_get_triggerdef, by name; ` (disabled)`, ` (replica)` or ` (always)` appended when it is not enabled as usual. */
  triggers: z.array(text),
  /**
   * COMMENT ON FOREIGN TABLE, then a line `column <name>: <comment>` for each commented column, in
   * column order, then `constraint <name>: …` and `trigger <name>: …` for each commented check and
   * trigger, by name (a comment either way: compared as comments are); null when none.
   */
  comment: maybe,
});

export const Conversion = z.strictObject({ schema: text, name: text, source: text, target: text, function: text, default: z.boolean(), comment: maybe });

export const Language = z.strictObject({ name: text, trusted: z.boolean(), handler: maybe, inline: maybe, validator: maybe, comment: maybe });

export const AccessMethod = z.strictObject({ name: text, type: z.enum(['table', 'index']), handler: text, comment: maybe });

/** What a grant, default privilege or owner row is about (the object kinds GRANT and ALTER … OWNER take). */
const AccessKind = z.enum([
  'schema',
  'table',
  'view',
  'materialized view',
  'sequence',
  'foreign table',
  'column',
  'function',
  'procedure',
  'aggregate',
  'type',
  // outside schemas (schema null): grants (USAGE) on the first three, owners of all five
  'foreign-data wrapper',
  'foreign server',
  'language',
  'publication',
  'event trigger',
]);

/**
 * One privilege one grantee holds on one object (`aclexplode` of the stored ACL, or of the
 * built-in default when none is stored): never the grantor, never the owner's own privileges
 * (ownership is its own rule). `PUBLIC` is everyone. Only in a snapshot taken with privileges.
 */
export const Grant = z.strictObject({
  kind: AccessKind,
  /** null for a schema. */
  schema: maybe,
  /** The object's own name (the relation's, for a column). */
  object: text,
  /** A routine's identity arguments, else null. */
  arguments: maybe,
  column: maybe,
  grantee: text,
  /** SELECT, INSERT, … MAINTAIN (PostgreSQL 17+), EXECUTE, USAGE, CREATE. */
  privilege: text,
  grantable: z.boolean(),
});

/**
 * ALTER DEFAULT PRIVILEGES, one row per grantee and privilege: `GRANT` rows add to what objects
 * `role` creates get (in `schema`, or everywhere when null); `REVOKE` rows (only ever global)
 * take from the built-in default.
 */
export const DefaultPrivilege = z.strictObject({
  role: text,
  schema: maybe,
  // 'large objects': ON LARGE OBJECTS, PostgreSQL 18+
  objects: z.enum(['tables', 'sequences', 'functions', 'types', 'schemas', 'large objects']),
  action: z.enum(['GRANT', 'REVOKE']),
  grantee: text,
  privilege: text,
  grantable: z.boolean(),
});

/** Who owns an object of a kind GRANT takes (columns excepted). */
export const Owner = z.strictObject({ kind: AccessKind, schema: maybe, object: text, arguments: maybe, owner: text });

/** A user object the snapshot does not describe (see the coverage guard in catalog/coverage.ts). */
export const NotCompared = z.strictObject({ kind: text, identity: text });
export const SchemaEntry = z.strictObject({ name: text, comment: maybe });

export const Snapshot = z.strictObject({
  formatVersion: z.literal(SNAPSHOT_FORMAT_VERSION),
  /** The server major it was taken on: deparsed definitions can differ between majors. */
  // the majors a snapshot can come from: 13 (the oldest read) and later
  postgresMajor: z.number().int().min(13).max(99),
  schemas: z.array(SchemaEntry),
  extensions: z.array(Extension),
  enums: z.array(Enum),
  domains: z.array(Domain),
  tables: z.array(Table),
  views: z.array(View),
  functions: z.array(Function),
  sequences: z.array(Sequence),
  compositeTypes: z.array(CompositeType),
  rangeTypes: z.array(RangeType),
  collations: z.array(Collation),
  publications: z.array(Publication),
  eventTriggers: z.array(EventTrigger),
  statistics: z.array(Statistics),
  aggregates: z.array(Aggregate),
  operators: z.array(Operator),
  casts: z.array(Cast),
  operatorFamilies: z.array(OperatorFamily),
  operatorClasses: z.array(OperatorClass),
  textSearchConfigurations: z.array(TextSearchConfiguration),
  textSearchDictionaries: z.array(TextSearchDictionary),
  foreignDataWrappers: z.array(ForeignDataWrapper),
  foreignServers: z.array(ForeignServer),
  foreignTables: z.array(ForeignTable),
  conversions: z.array(Conversion),
  languages: z.array(Language),
  accessMethods: z.array(AccessMethod),
  /** Only in a snapshot taken with privileges (rules `privileges` / `ownership` on): see Grant. */
  grants: z.array(Grant).optional(),
  defaultPrivileges: z.array(DefaultPrivilege).optional(),
  owners: z.array(Owner).optional(),
  /** User objects of kinds this snapshot does not compare: every report lists them. */
  notCompared: z.array(NotCompared),
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
export type Rule = z.infer<typeof Rule>;
export type CompositeType = z.infer<typeof CompositeType>;
export type RangeType = z.infer<typeof RangeType>;
export type Collation = z.infer<typeof Collation>;
export type Publication = z.infer<typeof Publication>;
export type EventTrigger = z.infer<typeof EventTrigger>;
export type Statistics = z.infer<typeof Statistics>;
export type NotCompared = z.infer<typeof NotCompared>;
export type Aggregate = z.infer<typeof Aggregate>;
export type Operator = z.infer<typeof Operator>;
export type Cast = z.infer<typeof Cast>;
export type ForeignTable = z.infer<typeof ForeignTable>;
export type Grant = z.infer<typeof Grant>;
export type DefaultPrivilege = z.infer<typeof DefaultPrivilege>;
export type Owner = z.infer<typeof Owner>;
