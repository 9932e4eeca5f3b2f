import { ident, qualifiedName as qualified } from '../catalog/identity.js';
import { comparedProps, KINDS, LIST_KEYS, type ItemOf, type KindSpec, type ListKey } from '../catalog/kinds.js';
import type { Column, Constraint, Index, Policy, Rule, Snapshot, Table, Trigger, View } from '../catalog/model.js';
import { matchBy, sameValue } from './match.js';
import { withoutObjectName, withoutWhitespaceAndComments } from './normalize.js';
import { viewsReadAcrossMajor16 } from './cross-major.js';
import { DEFAULT_RULES, type CompareRules, type Comparison, type Difference, type NotComparedObject, type ObjectKind, type RuleLevel } from './types.js';

type Props<T> = ReadonlyArray<keyof T & string>;

const TABLE_PROPS: Props<Table> = ['partitioned', 'partitionKey', 'partitionBound', 'parents', 'unlogged', 'rowSecurity', 'forceRowSecurity', 'options', 'replicaIdentity', 'comment'];
const COLUMN_PROPS: Props<Column> = ['type', 'notNull', 'default', 'generated', 'identity', 'collation', 'comment'];
const INDEX_PROPS: Props<Index> = ['definition', 'method', 'unique', 'primary', 'predicate', 'constraint', 'valid', 'comment'];
const VIEW_PROPS: Props<View> = ['materialized', 'definition', 'options', 'comment'];

/**
 * How B differs from A, object by object, under `rules`. Pure: two snapshots in, a list of
 * differences out, in a stable order (object kind, then path).
 */
export function compare(a0: Snapshot, b0: Snapshot, rules: Partial<CompareRules> = {}): Comparison {
  const [a, b] = viewsReadAcrossMajor16(a0, b0);
  const r: CompareRules = { ...DEFAULT_RULES, ...rules };
  const out = new Collector(r);
  const warnings: string[] = [];
  if (a.postgresMajor !== b.postgresMajor) {
    warnings.push(`the snapshots come from different PostgreSQL majors (${a.postgresMajor} and ${b.postgresMajor}): the server deparses some definitions differently between majors, so some differences may be only that`);
  }

  const listKind = <K extends ListKey>(key: K) => {
    const spec = KINDS[key] as unknown as KindSpec<ItemOf<K>>;
    out.list(spec.object as ObjectKind, key, a[key] as ItemOf<K>[], b[key] as ItemOf<K>[], spec.identity, comparedProps(key));
  };
  for (const key of LIST_KEYS) if ('beforeRelations' in KINDS[key]) listKind(key);
  const tables = matchBy(a.tables, b.tables, qualified, 'tables');
  out.onlyIn('table', tables, qualified);
  for (const [ta, tb] of tables.both) compareTable(out, ta, tb);
  const views = matchBy(a.views, b.views, qualified, 'views');
  const viewKind = (v: View): ObjectKind => (v.materialized ? 'materialized view' : 'view');
  for (const v of views.onlyA) out.add({ kind: 'missing', object: viewKind(v), path: qualified(v), a: v, b: null });
  for (const v of views.onlyB) out.add({ kind: 'extra', object: viewKind(v), path: qualified(v), a: null, b: v });
  for (const [va, vb] of views.both) {
    const path = qualified(va);
    out.props(viewKind(va), path, va, vb, VIEW_PROPS);
    compareIndexes(out, path, va.indexes, vb.indexes, new Set());
    compareTriggers(out, path, va.triggers, vb.triggers);
    compareRules(out, path, va.rules, vb.rules);
  }
  for (const key of LIST_KEYS) if (!('beforeRelations' in KINDS[key])) listKind(key);

  const ignored = new Set(r.ignoreObjects);
  const notCompared = notComparedOf(a, b);
  if (notCompared.length > 0) {
    const kinds = [...new Set(notCompared.map((o) => o.kind))];
    warnings.push(`${notCompared.length} object${notCompared.length === 1 ? '' : 's'} of kinds schema-parity does not compare (${kinds.join(', ')}): the verdict says nothing about them (listed under "not compared")`);
  }
  return { differences: out.differences.filter((d) => !ignored.has(d.object)), warnings, notCompared };
}

/** The objects either snapshot records as not compared, each once, with the side(s) it is on. */
function notComparedOf(a: Snapshot, b: Snapshot): NotComparedObject[] {
  const key = (o: { kind: string; identity: string }) => `${o.kind}\0${o.identity}`;
  const inB = new Set(b.notCompared.map(key));
  const inA = new Set(a.notCompared.map(key));
  return [
    ...a.notCompared.map((o) => ({ ...o, in: inB.has(key(o)) ? ('both' as const) : ('a' as const) })),
    ...b.notCompared.filter((o) => !inA.has(key(o))).map((o) => ({ ...o, in: 'b' as const })),
  ].sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
}

function compareTable(out: Collector, a: Table, b: Table): void {
  const path = qualified(a);
  out.props('table', path, a, b, TABLE_PROPS);

  const columns = matchBy(a.columns, b.columns, (c) => c.name, `columns of ${path}`);
  out.onlyIn('column', columns, (c) => `${path}.${ident(c.name)}`);
  for (const [ca, cb] of columns.both) out.props('column', `${path}.${ident(ca.name)}`, ca, cb, COLUMN_PROPS);
  const orderA = a.columns.filter((c) => b.columns.some((x) => x.name === c.name)).map((c) => c.name);
  const orderB = b.columns.filter((c) => a.columns.some((x) => x.name === c.name)).map((c) => c.name);
  if (!sameValue(orderA, orderB)) {
    out.add({ kind: 'changed', object: 'table', path, property: 'columnOrder', a: orderA, b: orderB }, out.rules.columnOrder, 'same columns in another order');
  }

  // Indexes that stand for a constraint are compared through it (a renamed or re-formed
  // constraint is one difference, not two).
  const handledIndexes = new Set<string>();
  compareConstraints(out, path, a, b, handledIndexes);
  compareIndexes(out, path, a.indexes, b.indexes, handledIndexes);
  compareTriggers(out, path, a.triggers, b.triggers);
  const policies = matchBy(a.policies, b.policies, (p) => p.name, `policies of ${path}`);
  renamed(out, 'policy', path, policies, (p: Policy) => JSON.stringify({ ...p, name: '' }));
  out.onlyIn('policy', policies, (p) => part(path, p));
  for (const [pa, pb] of policies.both) out.props('policy', part(path, pa), pa, pb, ['command', 'permissive', 'roles', 'using', 'withCheck']);
  compareRules(out, path, a.rules, b.rules);
}

/** `table#part`: the name quoted when needed, so `#` and `.` inside it cannot be read as separators. */
function part(path: string, o: { name: string }): string {
  return `${path}#${ident(o.name)}`;
}

function compareRules(out: Collector, path: string, as: Rule[], bs: Rule[]): void {
  const rules = matchBy(as, bs, (r) => r.name, `rules of ${path}`);
  out.onlyIn('rule', rules, (r) => part(path, r));
  for (const [ra, rb] of rules.both) out.props('rule', part(path, ra), ra, rb, ['definition', 'enabled', 'comment']);
}

function compareConstraints(out: Collector, path: string, a: Table, b: Table, handledIndexes: Set<string>): void {
  const constraints = matchBy(a.constraints, b.constraints, (c) => c.name, `constraints of ${path}`);
  // A UNIQUE constraint on one side, a unique index of the same name and columns on the other.
  for (const [side, other, kind] of [[a, b, 'missing'], [b, a, 'extra']] as const) {
    const list = kind === 'missing' ? constraints.onlyA : constraints.onlyB;
    for (const constraint of [...list]) {
      if (constraint.type !== 'unique') continue;
      const own = side.indexes.find((i) => i.constraint === constraint.name);
      const plain = other.indexes.find((i) => i.name === own?.name && i.constraint === null && i.unique);
      if (!own || !plain || withoutObjectName(own.definition) !== withoutObjectName(plain.definition)) continue;
      list.splice(list.indexOf(constraint), 1);
      handledIndexes.add(own.name);
      const forms = ['unique constraint', 'unique index'];
      out.add(
        { kind: 'changed', object: 'constraint', path: part(path, constraint), property: 'form', a: kind === 'missing' ? forms[0] : forms[1], b: kind === 'missing' ? forms[1] : forms[0] },
        out.rules.uniqueConstraintVsIndex,
        'the same uniqueness, enforced by a constraint on one side and by an index on the other',
      );
    }
  }
  const pairs = renamed(out, 'constraint', path, constraints, (c: Constraint) => `${c.type}\0${c.definition}\0${c.comment}`);
  for (const [ca, cb] of pairs) {
    for (const index of [...a.indexes.filter((i) => i.constraint === ca.name), ...b.indexes.filter((i) => i.constraint === cb.name)]) handledIndexes.add(index.name);
  }
  out.onlyIn('constraint', constraints, (c) => part(path, c));
  for (const [ca, cb] of constraints.both) {
    out.props('constraint', part(path, ca), ca, cb, ['type', 'definition', 'comment']);
    // A re-formed key and the index that implements it are one difference: the index's
    // definition follows from the constraint's, so only what the constraint cannot say is left.
    const ia = a.indexes.find((i) => i.constraint === ca.name);
    const ib = b.indexes.find((i) => i.constraint === cb.name);
    if (ia && ib && ia.name === ib.name && (ca.type !== cb.type || ca.definition !== cb.definition)) {
      handledIndexes.add(ia.name);
      out.props('index', part(path, ia), ia, ib, ['valid', 'comment']);
    }
  }
  // an index that backs a missing/extra constraint goes with it
  for (const c of constraints.onlyA) for (const i of a.indexes) if (i.constraint === c.name) handledIndexes.add(i.name);
  for (const c of constraints.onlyB) for (const i of b.indexes) if (i.constraint === c.name) handledIndexes.add(i.name);
}

function compareIndexes(out: Collector, path: string, as: Index[], bs: Index[], handled: Set<string>): void {
  const indexes = matchBy(as.filter((i) => !handled.has(i.name)), bs.filter((i) => !handled.has(i.name)), (i) => i.name, `indexes of ${path}`);
  renamed(out, 'index', path, indexes, (i: Index) => JSON.stringify({ ...i, name: '', definition: withoutObjectName(i.definition) }));
  out.onlyIn('index', indexes, (i) => part(path, i));
  for (const [ia, ib] of indexes.both) out.props('index', part(path, ia), ia, ib, INDEX_PROPS);
}

function compareTriggers(out: Collector, path: string, as: Trigger[], bs: Trigger[]): void {
  const triggers = matchBy(as, bs, (t) => t.name, `triggers of ${path}`);
  renamed(out, 'trigger', path, triggers, (t: Trigger) => JSON.stringify({ ...t, name: '', definition: withoutObjectName(t.definition) }));
  out.onlyIn('trigger', triggers, (t) => part(path, t));
  for (const [ta, tb] of triggers.both) out.props('trigger', part(path, ta), ta, tb, ['definition', 'enabled', 'comment']);
}

/**
 * Pairs an object only in A with one only in B that is the same in everything but its name, and
 * reports the pair as one renamed object (under the `names` rule). Returns the pairs.
 */
function renamed<T extends { name: string }>(out: Collector, object: ObjectKind, path: string, matched: { onlyA: T[]; onlyB: T[] }, identity: (item: T) => string): Array<[T, T]> {
  const pairs: Array<[T, T]> = [];
  for (const a of [...matched.onlyA]) {
    const b = matched.onlyB.find((x) => identity(x) === identity(a));
    if (!b) continue;
    matched.onlyA.splice(matched.onlyA.indexOf(a), 1);
    matched.onlyB.splice(matched.onlyB.indexOf(b), 1);
    pairs.push([a, b]);
    out.add({ kind: 'changed', object, path: part(path, a), property: 'name', a: a.name, b: b.name }, out.rules.names, 'the same definition under another name');
  }
  return pairs;
}

class Collector {
  readonly differences: Difference[] = [];
  constructor(readonly rules: CompareRules) {}

  add(difference: Omit<Difference, 'severity'>, level: RuleLevel = 'drift', note?: string): void {
    if (level === 'ignore') return;
    this.differences.push({ ...difference, severity: level, ...(level === 'cosmetic' && note ? { note } : {}) });
  }

  onlyIn<T>(object: ObjectKind, matched: { onlyA: T[]; onlyB: T[] }, pathOf: (item: T) => string): void {
    for (const a of matched.onlyA) this.add({ kind: 'missing', object, path: pathOf(a), a, b: null });
    for (const b of matched.onlyB) this.add({ kind: 'extra', object, path: pathOf(b), a: null, b });
  }

  /** A list matched by identity, which is also the path. */
  list<T>(object: ObjectKind, what: string, as: readonly T[], bs: readonly T[], identity: (item: T) => string, props: Props<T>): void {
    const matched = matchBy(as, bs, identity, what);
    this.onlyIn(object, matched, identity);
    for (const [a, b] of matched.both) this.props(object, identity(a), a, b, props);
  }

  props<T>(object: ObjectKind, path: string, a: T, b: T, props: Props<T>): void {
    for (const property of props) {
      const va = a[property as keyof T];
      const vb = b[property as keyof T];
      if (sameValue(va, vb)) continue;
      const difference = { kind: 'changed' as const, object, path, property, a: va, b: vb };
      if (property === 'comment') this.add(difference, this.rules.comments, 'a comment');
      else if ((property === 'body' || (property === 'definition' && (object === 'view' || object === 'materialized view'))) && sameText(va, vb)) {
        this.add(difference, this.rules.bodyWhitespaceAndComments, 'differs only in whitespace and comments');
      } else this.add(difference);
    }
  }
}

function sameText(a: unknown, b: unknown): boolean {
  const text = (v: unknown) => (Array.isArray(v) ? v.join('\n') : String(v));
  return withoutWhitespaceAndComments(text(a)) === withoutWhitespaceAndComments(text(b));
}

