export { takeSnapshot, DEFAULT_IGNORE, type IgnoreRules, type SnapshotOptions } from './snapshot.js';
export { serializeSnapshot, sameButMajor, parseSnapshot, readSnapshotFile, writeSnapshotFile, snapshotJsonSchema, SnapshotFileError, OutdatedSnapshotError } from './json.js';
export { SNAPSHOT_FORMAT_VERSION } from './model.js';
export type {
  Snapshot, Table, View, Column, Constraint, Index, Trigger, Policy, Enum, Domain, Function, Sequence, Extension,
  Rule, CompositeType, RangeType, Collation, Publication, EventTrigger, Statistics, NotCompared,
} from './model.js';
export { KINDS, COVERED_KINDS } from './kinds.js';
export { RELATIONS, PARTS } from './relations.js';
export { ident, qualifiedName } from './identity.js';
export { catalogQuery, QUERY_NAMES, gateQuery } from './queries.js';
