import { ident, indexOutsideQuotes, splitPath } from '../catalog/identity.js';
import type { DefaultPrivilege, Grant, Owner, Snapshot } from '../catalog/model.js';
import { matchBy } from './match.js';
import type { CompareRules, Difference, RuleLevel } from './types.js';

/** A difference of the opt-in privilege and ownership dimensions, with the rule that governs it. */
export interface AccessDifference {
  difference: Omit<Difference, 'severity'>;
  level: RuleLevel;
  note: string;
}

type Access = Pick<Grant, 'kind' | 'schema' | 'object' | 'arguments'>;

/** The privileges of a table before PostgreSQL 17; 17 adds MAINTAIN to ALL. */
const TABLE_PRIVILEGES_BEFORE_17 = ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER'];
const RELATIONS = new Set(['table', 'view', 'materialized view', 'foreign table']);

/** `table public.requests`, `function public.f(integer)`, `schema app`: what a grant or owner is about. */
export function accessObject(o: Access): string {
  const name = o.schema === null ? ident(o.object) : `${ident(o.schema)}.${ident(o.object)}`;
  return `${o.kind} ${name}${o.arguments !== null ? `(${o.arguments})` : ''}`;
}

function grantObject(g: Grant): string {
  return g.column === null ? accessObject(g) : `${accessObject({ ...g, kind: 'table' }).replace(/^table /, 'column ')}.${ident(g.column)}`;
}

const grantee = (role: string) => (role === 'PUBLIC' ? 'PUBLIC' : ident(role));

/** `table public.requests: SELECT TO app`: a grant's path. */
export function grantPath(g: Grant): string {
  return `${grantObject(g)}: ${g.privilege} TO ${grantee(g.grantee)}`;
}

/** `postgres IN SCHEMA public ON TABLES: GRANT SELECT TO app`: a default privilege's path. */
export function defaultPrivilegePath(d: DefaultPrivilege): string {
  const where = d.schema === null ? '' : ` IN SCHEMA ${ident(d.schema)}`;
  return `${ident(d.role)}${where} ON ${d.objects.toUpperCase()}: ${d.action} ${d.privilege} ${d.action === 'GRANT' ? 'TO' : 'FROM'} ${grantee(d.grantee)}`;
}

/**
 * The sides whose snapshot was taken without grants, default privileges and owners while a rule
 * asks for them: on those sides the rule cannot compare anything, which the coverage guard says
 * (a snapshot file written with the rules off must not pass for one that agrees on privileges).
 */
export function accessNotRead(a: Snapshot, b: Snapshot, rules: CompareRules): Array<'a' | 'b'> {
  if (rules.privileges === 'ignore' && rules.ownership === 'ignore') return [];
  return (['a', 'b'] as const).filter((side) => {
    const s = side === 'a' ? a : b;
    return s.grants === undefined || s.defaultPrivileges === undefined || s.owners === undefined;
  });
}

/**
 * How B's grants, default privileges and owners differ from A's, under the `privileges` and
 * `ownership` rules (both `ignore` by default: then nothing is read). Role names go through
 * `roleMap` on both sides first. Grants and owners of an object that is on one side only are
 * not reported: the object itself is. `warnings` gets what the reader must know.
 */
export function accessDifferences(a: Snapshot, b: Snapshot, rules: CompareRules, warnings: string[]): AccessDifference[] {
  const without = accessNotRead(a, b, rules).map((side) => side.toUpperCase());
  if (rules.privileges === 'ignore' && rules.ownership === 'ignore') return [];
  if (without.length > 0) {
    warnings.push(
      `privileges and owners are not compared: snapshot ${without.join(' and ')} was taken without them (a snapshot file written with the privileges and ownership rules off): run "parity refresh" with a rule on`,
    );
    return [];
  }
  const role = (name: string) => rules.roleMap[name] ?? name;
  const out: AccessDifference[] = [];
  const ownersA = a.owners!.map((o) => ({ ...o, owner: role(o.owner) }));
  const ownersB = b.owners!.map((o) => ({ ...o, owner: role(o.owner) }));

  if (rules.privileges !== 'ignore') {
    const note = 'a privilege';
    const onBoth = inBoth(a, b, ownersA, ownersB);
    const maintain = maintainOf(a.postgresMajor, b.postgresMajor, warnings);
    const grants = (s: Snapshot, side: 'a' | 'b') =>
      maintain(side, merged(s.grants!.map((g) => ({ ...g, grantee: role(g.grantee) })).filter((g) => onBoth(g)), grantPath), (g) => (RELATIONS.has(g.kind) && g.column === null ? `${grantObject(g)}\0${g.grantee}` : undefined));
    const matched = matchBy(grants(a, 'a'), grants(b, 'b'), grantPath, 'grants');
    for (const g of matched.onlyA) out.push({ difference: { kind: 'missing', object: 'privilege', path: grantPath(g), a: g, b: null }, level: rules.privileges, note });
    for (const g of matched.onlyB) out.push({ difference: { kind: 'extra', object: 'privilege', path: grantPath(g), a: null, b: g }, level: rules.privileges, note });
    for (const [ga, gb] of matched.both) {
      if (ga.grantable !== gb.grantable) out.push({ difference: { kind: 'changed', object: 'privilege', path: grantPath(ga), property: 'grantable', a: ga.grantable, b: gb.grantable }, level: rules.privileges, note });
    }

    const defaults = (s: Snapshot, side: 'a' | 'b') =>
      maintain(side, merged(s.defaultPrivileges!.map((d) => ({ ...d, role: role(d.role), grantee: role(d.grantee) })), defaultPrivilegePath), (d) =>
        d.objects === 'tables' ? `${d.role}\0${d.schema}\0${d.action}\0${d.grantee}` : undefined,
      );
    const dm = matchBy(defaults(a, 'a'), defaults(b, 'b'), defaultPrivilegePath, 'default privileges');
    for (const d of dm.onlyA) out.push({ difference: { kind: 'missing', object: 'default privilege', path: defaultPrivilegePath(d), a: d, b: null }, level: rules.privileges, note: 'a default privilege' });
    for (const d of dm.onlyB) out.push({ difference: { kind: 'extra', object: 'default privilege', path: defaultPrivilegePath(d), a: null, b: d }, level: rules.privileges, note: 'a default privilege' });
    for (const [da, db] of dm.both) {
      if (da.grantable !== db.grantable) out.push({ difference: { kind: 'changed', object: 'default privilege', path: defaultPrivilegePath(da), property: 'grantable', a: da.grantable, b: db.grantable }, level: rules.privileges, note: 'a default privilege' });
    }
  }

  if (rules.ownership !== 'ignore') {
    const owners = matchBy(ownersA, ownersB, accessObject, 'owners');
    for (const [oa, ob] of owners.both) {
      if (oa.owner !== ob.owner) out.push({ difference: { kind: 'changed', object: 'owner', path: accessObject(oa), property: 'owner', a: oa.owner, b: ob.owner }, level: rules.ownership, note: 'an owner' });
    }
  }
  return out;
}

/** One row per path: two roles the role map makes one, or one grant twice, is one grant (grantable if either is). */
function merged<T extends { grantable: boolean }>(rows: T[], pathOf: (row: T) => string): T[] {
  const byPath = new Map<string, T>();
  for (const row of rows) {
    const key = pathOf(row);
    const seen = byPath.get(key);
    byPath.set(key, seen ? { ...seen, grantable: seen.grantable || row.grantable } : row);
  }
  return [...byPath.values()];
}

/** Whether a grant's object (and column) is on both sides: grants of an object on one side only are its own difference. */
function inBoth(a: Snapshot, b: Snapshot, ownersA: Owner[], ownersB: Owner[]): (g: Grant) => boolean {
  // a host table (setup/subtract.ts) has no owner row but is still compared, with what the project granted on it
  const objects = (owners: Owner[], s: Snapshot) =>
    new Set([
      ...owners.map(accessObject),
      ...s.tables.map((t) => `table ${ident(t.schema)}.${ident(t.name)}`),
      ...s.views.map((v) => `${v.materialized ? 'materialized view' : 'view'} ${ident(v.schema)}.${ident(v.name)}`),
    ]);
  const columns = (s: Snapshot) =>
    new Set([...s.tables, ...s.views, ...s.foreignTables].flatMap((r) => (r.columns as Array<{ name: string }>).map((c) => `${ident(r.schema)}.${ident(r.name)}.${ident(c.name)}`)));
  const [oa, ob] = [objects(ownersA, a), objects(ownersB, b)];
  let ca: Set<string> | undefined;
  let cb: Set<string> | undefined;
  return (g) => {
    if (g.column === null) return oa.has(accessObject(g)) && ob.has(accessObject(g));
    const name = `${ident(g.schema!)}.${ident(g.object)}`;
    if (!['table', 'view', 'materialized view', 'foreign table'].some((kind) => oa.has(`${kind} ${name}`) && ob.has(`${kind} ${name}`))) return false;
    const column = `${name}.${ident(g.column)}`;
    ca ??= columns(a);
    cb ??= columns(b);
    return ca.has(column) && cb.has(column);
  };
}

/**
 * Across PostgreSQL 17 (one side older, one 17+): 17 gives MAINTAIN with ALL on a table, and an
 * older server has no MAINTAIN at all. So on the 17+ side a MAINTAIN that comes with all seven
 * older table privileges (same grant option) is left out: `GRANT ALL` on 15 and on 17 are the
 * same grant. A MAINTAIN granted alone is kept, and reported: the older server cannot have it.
 */
function maintainOf(majorA: number, majorB: number, warnings: string[]) {
  const newer = majorA >= 17 && majorB < 17 ? 'a' : majorB >= 17 && majorA < 17 ? 'b' : undefined;
  let warned = false;
  return <T extends { privilege: string; grantable: boolean }>(side: 'a' | 'b', rows: T[], groupOf: (row: T) => string | undefined): T[] => {
    if (side !== newer) return rows;
    const groups = new Map<string, T[]>();
    for (const row of rows) {
      const group = groupOf(row);
      if (group !== undefined) groups.set(group, [...(groups.get(group) ?? []), row]);
    }
    const implied = new Set<T>();
    for (const group of groups.values()) {
      const maintain = group.find((r) => r.privilege === 'MAINTAIN');
      if (maintain && TABLE_PRIVILEGES_BEFORE_17.every((p) => group.some((r) => r.privilege === p && r.grantable === maintain.grantable))) implied.add(maintain);
    }
    if (implied.size > 0 && !warned) {
      warned = true;
      warnings.push('MAINTAIN (PostgreSQL 17+) that comes with ALL on a table is not compared with the older server, which has no MAINTAIN');
    }
    return rows.filter((r) => !implied.has(r));
  };
}

const GRANT_ON: Record<string, string> = {
  schema: 'SCHEMA', sequence: 'SEQUENCE', function: 'FUNCTION', aggregate: 'FUNCTION', procedure: 'PROCEDURE', type: 'TYPE',
  'foreign-data wrapper': 'FOREIGN DATA WRAPPER', 'foreign server': 'FOREIGN SERVER', language: 'LANGUAGE',
};
const ALTER_OWNER: Record<string, string> = {
  schema: 'SCHEMA', table: 'TABLE', view: 'VIEW', 'materialized view': 'MATERIALIZED VIEW', sequence: 'SEQUENCE', 'foreign table': 'FOREIGN TABLE', function: 'FUNCTION',
  procedure: 'PROCEDURE', aggregate: 'AGGREGATE', type: 'TYPE', 'foreign-data wrapper': 'FOREIGN DATA WRAPPER', 'foreign server': 'SERVER', language: 'LANGUAGE',
  publication: 'PUBLICATION', 'event trigger': 'EVENT TRIGGER',
};

/** The kinds a grant's or owner's path starts with (catalog/fragments/access-objects.sql), the words of two-word kinds first. */
const KIND_WORDS = [
  'materialized view', 'foreign table', 'foreign server', 'event trigger', 'foreign-data wrapper', 'schema', 'table', 'view', 'sequence', 'column', 'function',
  'procedure', 'aggregate', 'type', 'language', 'publication',
];

/** A grant's or owner's path (`foreign server srv`) as its kind and the rest; undefined for a kind this does not know. */
function kindAndName(object: string): { kind: string; name: string } | undefined {
  const kind = KIND_WORDS.find((k) => object.startsWith(`${k} `));
  return kind === undefined ? undefined : { kind, name: object.slice(kind.length + 1) };
}

/**
 * A grant's path taken apart: `table public.t: SELECT TO app` → the target `ON TABLE public.t`
 * (`(col) ON TABLE public.t` for a column), `SELECT` and `app`, still quoted as in the path.
 */
function grantParts(path: string): { target: string; privilege: string; grantee: string } | undefined {
  const colon = indexOutsideQuotes(path, ':');
  const [privilege, ...to] = path.slice(colon + 2).split(' ');
  const object = kindAndName(path.slice(0, colon));
  if (!object) return undefined;
  const { kind, name } = object;
  if (kind !== 'column') return { target: `ON ${GRANT_ON[kind] ?? 'TABLE'} ${name}`, privilege: privilege!, grantee: to.slice(1).join(' ') };
  const parts = splitPath(name);
  return { target: `(${parts.at(-1)}) ON TABLE ${parts.slice(0, -1).join('.')}`, privilege: privilege!, grantee: to.slice(1).join(' ') };
}

/** The statement that makes B like A for a privilege, default privilege or owner difference (compare/hints.ts), or undefined. */
export function accessHint(d: Difference): string | undefined {
  if (d.object === 'privilege') {
    const parts = grantParts(d.path);
    if (!parts) return undefined;
    const { target, privilege, grantee: to } = parts;
    if (d.kind === 'missing') return `GRANT ${privilege} ${target} TO ${to}${(d.a as Grant).grantable ? ' WITH GRANT OPTION' : ''};`;
    if (d.kind === 'extra') return `REVOKE ${privilege} ${target} FROM ${to};`;
    return d.a === true ? `GRANT ${privilege} ${target} TO ${to} WITH GRANT OPTION;` : `REVOKE GRANT OPTION FOR ${privilege} ${target} FROM ${to};`;
  }
  if (d.object === 'default privilege' && d.kind !== 'changed') {
    const p = (d.kind === 'extra' ? d.b : d.a) as DefaultPrivilege;
    // a missing GRANT row is granted, a missing REVOKE row revoked; an extra row undone
    const grant = (p.action === 'GRANT') === (d.kind === 'missing');
    const where = `FOR ROLE ${ident(p.role)}${p.schema === null ? '' : ` IN SCHEMA ${ident(p.schema)}`}`;
    return `ALTER DEFAULT PRIVILEGES ${where} ${grant ? 'GRANT' : 'REVOKE'} ${p.privilege} ON ${p.objects.toUpperCase()} ${grant ? 'TO' : 'FROM'} ${grantee(p.grantee)};`;
  }
  if (d.object === 'owner' && d.kind === 'changed') {
    const object = kindAndName(d.path);
    const alter = object && ALTER_OWNER[object.kind];
    return alter ? `ALTER ${alter} ${object.name} OWNER TO ${ident(String(d.a))};` : undefined;
  }
  return undefined;
}
