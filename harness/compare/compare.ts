import type { Column, Constraint, Index, Policy, Snapshot, Table, Trigger, View } from '../catalog/model.js';
import { matchBy, sameValue } from './match.js';
import { withoutObjectName, withoutWhitespaceAndComments } from './normalize.js';
import { DEFAULT_RULES, type CompareRules, type Comparison, type Difference, type ObjectKind, type RuleLevel } from './types.js';

type Props<T> = ReadonlyArray<keyof T & string>;

const TABLE_PROPS: Props<Table> = ['partitioned', 'partitionKey', 'partitionBound', 'parents', 'unlogged', 'rowSecurity', 'forceRowSecurity', 'options', 'comment'];
const COLUMN_PROPS: Props<Column> = ['type', 'notNull', 'default', 'generated', 'identity', 'collation', 'comment'];
const INDEX_PROPS: Props<Index> = ['definition', 'method', 'unique', 'primary', 'predicate', 'constraint', 'valid', 'comment'];
const VIEW_PROPS: Props<View> = ['materialized', 'definition', 'options', 'comment'];

/**
 * How B differs from A, object by object, under `rules`. Pure: two snapshots in, a list of
 * differences out, in a stable order (object kind, then path).
 */
export function compare(a: Snapshot, b: Snapshot, rules: Partial<CompareRules> = {}): Comparison {
  const r: CompareRules = { ...DEFAULT_RULES, ...rules };
  const out = new Collector(r);
  const warnings: string[] = [];
  if (a.postgresMajor !== b.postgresMajor) {
    warnings.push(`the snapshots come from different PostgreSQL majors (${a.postgresMajor} and ${b.postgresMajor}): the server deparses some definitions differently between majors, so some differences may be only that`);
  }

  out.list('schema', a.schemas, b.schemas, (s) => s.name, (s) => s.name, ['comment']);
  out.list('extension', a.extensions, b.extensions, (e) => e.name, (e) => e.name, ['schema', 'version']);
  out.list('enum', a.enums, b.enums, qualified, qualified, ['labels', 'comment']);
  out.list('domain', a.domains, b.domains, qualified, qualified, ['type', 'notNull', 'default', 'collation', 'checks', 'comment']);
  const tables = matchBy(a.tables, b.tables, qualified);
  out.onlyIn('table', tables, qualified);
  for (const [ta, tb] of tables.both) compareTable(out, ta, tb);
  const views = matchBy(a.views, b.views, qualified);
  out.onlyIn('view', views, qualified);
  for (const [va, vb] of views.both) {
    const path = qualified(va);
    out.props('view', path, va, vb, VIEW_PROPS);
    compareIndexes(out, path, va.indexes, vb.indexes, new Set());
    compareTriggers(out, path, va.triggers, vb.triggers);
  }
  const signature = (f: Snapshot['functions'][number]) => `${f.schema}.${f.name}(${f.identityArguments})`;
  out.list('function', a.functions, b.functions, signature, signature, [
    'kind', 'arguments', 'returns', 'language', 'volatility', 'strict', 'securityDefiner', 'leakproof', 'parallel', 'cost', 'rows', 'config', 'body', 'comment',
  ]);
  out.list('sequence', a.sequences, b.sequences, qualified, qualified, ['type', 'start', 'increment', 'min', 'max', 'cache', 'cycle', 'ownedBy', 'identity', 'comment']);

  const ignored = new Set(r.ignoreObjects);
  return { differences: out.differences.filter((d) => !ignored.has(d.object)), warnings };
}

function qualified(o: { schema: string; name: string }): string {
  return `${o.schema}.${o.name}`;
}

function compareTable(out: Collector, a: Table, b: Table): void {
  const path = qualified(a);
  out.props('table', path, a, b, TABLE_PROPS);

  const columns = matchBy(a.columns, b.columns, (c) => c.name);
  out.onlyIn('column', columns, (c) => `${path}.${c.name}`);
  for (const [ca, cb] of columns.both) out.props('column', `${path}.${ca.name}`, ca, cb, COLUMN_PROPS);
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
  const policies = matchBy(a.policies, b.policies, (p) => p.name);
  renamed(out, 'policy', path, policies, (p: Policy) => JSON.stringify({ ...p, name: '' }));
  out.onlyIn('policy', policies, (p) => `${path}#${p.name}`);
  for (const [pa, pb] of policies.both) out.props('policy', `${path}#${pa.name}`, pa, pb, ['command', 'permissive', 'roles', 'using', 'withCheck']);
}

function compareConstraints(out: Collector, path: string, a: Table, b: Table, handledIndexes: Set<string>): void {
  const constraints = matchBy(a.constraints, b.constraints, (c) => c.name);
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
        { kind: 'changed', object: 'constraint', path: `${path}#${constraint.name}`, property: 'form', a: kind === 'missing' ? forms[0] : forms[1], b: kind === 'missing' ? forms[1] : forms[0] },
        out.rules.uniqueConstraintVsIndex,
        'the same uniqueness, enforced by a constraint on one side and by an index on the other',
      );
    }
  }
  const pairs = renamed(out, 'constraint', path, constraints, (c: Constraint) => `${c.type}\0${c.definition}\0${c.comment}`);
  for (const [ca, cb] of pairs) {
    for (const index of [...a.indexes.filter((i) => i.constraint === ca.name), ...b.indexes.filter((i) => i.constraint === cb.name)]) handledIndexes.add(index.name);
  }
  out.onlyIn('constraint', constraints, (c) => `${path}#${c.name}`);
  for (const [ca, cb] of constraints.both) out.props('constraint', `${path}#${ca.name}`, ca, cb, ['type', 'definition', 'comment']);
  // an index that backs a missing/extra constraint goes with it
  for (const c of constraints.onlyA) for (const i of a.indexes) if (i.constraint === c.name) handledIndexes.add(i.name);
  for (const c of constraints.onlyB) for (const i of b.indexes) if (i.constraint === c.name) handledIndexes.add(i.name);
}

function compareIndexes(out: Collector, path: string, as: Index[], bs: Index[], handled: Set<string>): void {
  const indexes = matchBy(as.filter((i) => !handled.has(i.name)), bs.filter((i) => !handled.has(i.name)), (i) => i.name);
  renamed(out, 'index', path, indexes, (i: Index) => JSON.stringify({ ...i, name: '', definition: withoutObjectName(i.definition) }));
  out.onlyIn('index', indexes, (i) => `${path}#${i.name}`);
  for (const [ia, ib] of indexes.both) out.props('index', `${path}#${ia.name}`, ia, ib, INDEX_PROPS);
}

function compareTriggers(out: Collector, path: string, as: Trigger[], bs: Trigger[]): void {
  const triggers = matchBy(as, bs, (t) => t.name);
  renamed(out, 'trigger', path, triggers, (t: Trigger) => JSON.stringify({ ...t, name: '', definition: withoutObjectName(t.definition) }));
  out.onlyIn('trigger', triggers, (t) => `${path}#${t.name}`);
  for (const [ta, tb] of triggers.both) out.props('trigger', `${path}#${ta.name}`, ta, tb, ['definition', 'enabled', 'comment']);
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
    out.add({ kind: 'changed', object, path: `${path}#${a.name}`, property: 'name', a: a.name, b: b.name }, out.rules.names, 'the same definition under another name');
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

  list<T>(object: ObjectKind, as: readonly T[], bs: readonly T[], keyOf: (item: T) => string, pathOf: (item: T) => string, props: Props<T>): void {
    const matched = matchBy(as, bs, keyOf);
    this.onlyIn(object, matched, pathOf);
    for (const [a, b] of matched.both) this.props(object, pathOf(a), a, b, props);
  }

  props<T>(object: ObjectKind, path: string, a: T, b: T, props: Props<T>): void {
    for (const property of props) {
      const va = a[property as keyof T];
      const vb = b[property as keyof T];
      if (sameValue(va, vb)) continue;
      const difference = { kind: 'changed' as const, object, path, property, a: va, b: vb };
      if (property === 'comment') this.add(difference, this.rules.comments, 'a comment');
      else if ((property === 'body' || (property === 'definition' && object === 'view')) && sameText(va, vb)) {
        this.add(difference, this.rules.bodyWhitespaceAndComments, 'differs only in whitespace and comments');
      } else this.add(difference);
    }
  }
}

function sameText(a: unknown, b: unknown): boolean {
  const text = (v: unknown) => (Array.isArray(v) ? v.join('\n') : String(v));
  return withoutWhitespaceAndComments(text(a)) === withoutWhitespaceAndComments(text(b));
}

