import type { DefaultPrivilege, Grant, Owner } from './model.js';
import type { QueryName } from './queries.js';

/** The opt-in lists of a snapshot taken with privileges. */
export interface AccessLists {
  grants: Grant[];
  defaultPrivileges: DefaultPrivilege[];
  owners: Owner[];
}

/** Kinds whose rows are about a relation (or its column): they go with an ignored table. */
const RELATION_KINDS = new Set(['table', 'view', 'materialized view', 'sequence', 'foreign table', 'column']);

/**
 * The grants, default privileges and owners of the database a snapshot reads (`run` runs a
 * catalog query in its transaction); rows about an ignored table go with it.
 */
export async function readAccessLists(run: <T>(name: QueryName) => Promise<T[]>, isIgnoredTable: (schema: string, name: string) => boolean): Promise<AccessLists> {
  const kept = <T extends { kind: string; schema: string | null; object: string }>(rows: T[]) =>
    rows.filter((r) => !(RELATION_KINDS.has(r.kind) && r.schema !== null && isIgnoredTable(r.schema, r.object)));
  return {
    grants: kept(await run<Grant>('grants')),
    defaultPrivileges: await run<DefaultPrivilege>('default-privileges'),
    owners: kept(await run<Owner>('owners')),
  };
}
