import { ident } from '../catalog/identity.js';
import { comparedProps, KINDS, LIST_KEYS, type ItemOf, type KindSpec, type ListKey } from '../catalog/kinds.js';
import type { Constraint, Index, Snapshot } from '../catalog/model.js';
import { partProps, partsOf, partSpec, RELATION_KEYS, relationProps, relationSpec, type PartKey, type RelationKey } from '../catalog/relations.js';
import { matchBy, sameValue } from './match.js';
import { accessDifferences, accessNotRead } from './privileges.js';
import { sameStandardBodyBesideCastAliases, withoutObjectName, withoutWhitespaceAndComments } from './normalize.js';
import { viewsReadAcrossMajor16 } from './cross-major.js';
import { DEFAULT_RULES, type CompareRules, type Comparison, type Difference, type NotComparedObject, type ObjectKind, type RuleLevel } from './types.js';

type Props<T> = ReadonlyArray<keyof T & string>;
type Named = { name: string };
/** A relation as the generic code reads it: its fields, its parts among them. */
type Relation = Record<string, unknown> & { schema: string; name: string };

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
  for (const key of RELATION_KEYS) compareRelations(out, key, a[key] as Relation[], b[key] as Relation[]);
  for (const key of LIST_KEYS) if (!('beforeRelations' in KINDS[key])) listKind(key);
  for (const { difference, level, note } of accessDifferences(a, b, r, warnings)) out.add(difference, level, note);

  const ignored = new Set(r.ignoreObjects);
  const notCompared = [...notComparedOf(a, b), ...accessNotComparedOf(a, b, r)];
  if (notCompared.length > 0) {
    const kinds = [...new Set(notCompared.map((o) => o.kind))];
    warnings.push(`${notCompared.length} object${notCompared.length === 1 ? '' : 's'} of kinds schema-parity does not compare (${kinds.join(', ')}): the verdict says nothing about them (listed under "not compared")`);
  }
  return { differences: out.differences.filter((d) => !ignored.has(d.object)), warnings, notCompared };
}

/** A privileges or ownership rule that a side's snapshot cannot answer: taken without them. */
function accessNotComparedOf(a: Snapshot, b: Snapshot, rules: CompareRules): NotComparedObject[] {
  const sides = accessNotRead(a, b, rules);
  if (sides.length === 0) return [];
  const kind = [rules.privileges !== 'ignore' ? 'privileges' : '', rules.ownership !== 'ignore' ? 'owners' : ''].filter(Boolean).join(' and ');
  return [{ kind, identity: '(the snapshot was taken without them)', in: sides.length === 2 ? 'both' : sides[0]! }];
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

/** One relation kind (catalog/relations.ts): the relations, then each pair's properties and compared parts in their order. */
function compareRelations(out: Collector, key: RelationKey, as: Relation[], bs: Relation[]): void {
  const spec = relationSpec(key) as unknown as { identity: (r: Relation) => string; objectOf: (r: Relation) => string; sourceText?: string };
  const objectOf = (r: Relation) => spec.objectOf(r) as ObjectKind;
  const relations = matchBy(as, bs, spec.identity, key);
  for (const r of relations.onlyA) out.add({ kind: 'missing', object: objectOf(r), path: spec.identity(r), a: r, b: null });
  for (const r of relations.onlyB) out.add({ kind: 'extra', object: objectOf(r), path: spec.identity(r), a: null, b: r });
  for (const [ra, rb] of relations.both) {
    const path = spec.identity(ra);
    out.props(objectOf(ra), path, ra, rb, relationProps(key), spec.sourceText);
    // parts compared through another part (an index through its constraint), by part
    const through = new Map<PartKey, Set<string>>();
    for (const part of partsOf(key, 'compared')) compareParts(out, part, path, objectOf(ra), ra, rb, through);
  }
}

/** One kind of part of a pair of relations, matched by name. */
function compareParts(out: Collector, key: PartKey, path: string, relationObject: ObjectKind, ra: Relation, rb: Relation, through: Map<PartKey, Set<string>>): void {
  const spec = partSpec(key);
  const object = spec.object as ObjectKind;
  const pathOf = (p: Named) => `${path}${spec.separator}${ident(p.name)}`;
  const skip = through.get(key) ?? new Set<string>();
  const as = (ra[key] as Named[]).filter((p) => !skip.has(p.name));
  const bs = (rb[key] as Named[]).filter((p) => !skip.has(p.name));
  const parts = matchBy(as, bs, (p) => p.name, `${key} of ${path}`);
  const implemented = spec.implementedBy ? implementedBy(out, object, pathOf, spec.implementedBy, path, ra, rb, through) : undefined;
  implemented?.forms(parts);
  if (spec.renamed) {
    const fields = partProps(key);
    const sameButName = (p: Named) => JSON.stringify(fields.map((f) => (f === 'definition' && spec.renamed === 'definition' ? withoutObjectName(String((p as Record<string, unknown>)[f])) : (p as Record<string, unknown>)[f])));
    const pairs = renamed(out, object, pathOf, parts, sameButName);
    implemented?.goWith(pairs.map(([pa]) => pa), pairs.map(([, pb]) => pb));
  }
  out.onlyIn(object, parts, pathOf);
  for (const [pa, pb] of parts.both) {
    out.props(object, pathOf(pa), pa, pb, partProps(key) as Props<Named>);
    implemented?.changed(pa, pb);
  }
  implemented?.goWith(parts.onlyA, parts.onlyB);
  if (spec.ordered) {
    const orderA = as.filter((p) => bs.some((x) => x.name === p.name)).map((p) => p.name);
    const orderB = bs.filter((p) => as.some((x) => x.name === p.name)).map((p) => p.name);
    if (!sameValue(orderA, orderB)) {
      out.add({ kind: 'changed', object: relationObject, path, property: `${spec.object}Order`, a: orderA, b: orderB }, out.rules.columnOrder, `same ${spec.heading} in another order`);
    }
  }
}

/** How pg_get_constraintdef ends a deferrable constraint's definition (after the columns, INCLUDE, WITH and tablespace). */
const DEFERRABLE = / DEFERRABLE(?: INITIALLY DEFERRED)?$/;

/**
 * What comparing constraints does with the indexes that implement them (`implementedBy`): the
 * index of a constraint is compared through it, so a renamed, re-formed, missing or extra
 * constraint and its index are one difference, not two; and a UNIQUE constraint on one side, a
 * unique index of the same name and columns on the other, are one difference of form.
 */
function implementedBy(out: Collector, object: ObjectKind, partPath: (p: Named) => string, by: { part: PartKey; field: string }, path: string, ra: Relation, rb: Relation, through: Map<PartKey, Set<string>>) {
  const pathOf = (p: Named) => `${path}${partSpec(by.part).separator}${ident(p.name)}`;
  const handled = through.get(by.part) ?? new Set<string>();
  through.set(by.part, handled);
  const implementing = (r: Relation) => r[by.part] as Index[];
  const implementer = (r: Relation, c: Named) => implementing(r).filter((i) => (i as unknown as Record<string, unknown>)[by.field] === c.name);
  return {
    forms(parts: { onlyA: Named[]; onlyB: Named[] }): void {
      for (const [own, other, kind] of [[ra, rb, 'missing'], [rb, ra, 'extra']] as const) {
        const list = (kind === 'missing' ? parts.onlyA : parts.onlyB) as Constraint[];
        for (const constraint of [...list]) {
          // a DEFERRABLE constraint is checked at another time than an index: not the same uniqueness
          if (constraint.type !== 'unique' || DEFERRABLE.test(constraint.definition)) continue;
          const index = implementer(own, constraint)[0];
          const plain = implementing(other).find((i) => i.name === index?.name && i.constraint === null && i.unique);
          if (!index || !plain || withoutObjectName(index.definition) !== withoutObjectName(plain.definition)) continue;
          list.splice(list.indexOf(constraint), 1);
          handled.add(index.name);
          const forms = ['unique constraint', 'unique index'];
          out.add(
            { kind: 'changed', object, path: partPath(constraint), property: 'form', a: kind === 'missing' ? forms[0] : forms[1], b: kind === 'missing' ? forms[1] : forms[0] },
            out.rules.uniqueConstraintVsIndex,
            'the same uniqueness, enforced by a constraint on one side and by an index on the other',
          );
        }
      }
    },
    /** The implementing objects of these (renamed, missing or extra: of A, of B) go with them. */
    goWith(as: Named[], bs: Named[]): void {
      for (const p of as) for (const i of implementer(ra, p)) handled.add(i.name);
      for (const p of bs) for (const i of implementer(rb, p)) handled.add(i.name);
    },
    /** A re-formed key and the index that implements it are one difference: only what the constraint cannot say is left of the index. */
    changed(pa: Named, pb: Named): void {
      const [ca, cb] = [pa as Constraint, pb as Constraint];
      const ia = implementer(ra, ca)[0];
      const ib = implementer(rb, cb)[0];
      if (ia && ib && ia.name === ib.name && (ca.type !== cb.type || ca.definition !== cb.definition)) {
        handled.add(ia.name);
        out.props(partSpec(by.part).object as ObjectKind, pathOf(ia), ia, ib, ['valid', 'comment']);
      }
    },
  };
}

/**
 * Pairs an object only in A with one only in B that is the same in everything but its name, and
 * reports the pair as one renamed object (under the `names` rule). Returns the pairs.
 */
function renamed<T extends Named>(out: Collector, object: ObjectKind, pathOf: (item: T) => string, matched: { onlyA: T[]; onlyB: T[] }, identity: (item: T) => string): Array<[T, T]> {
  const pairs: Array<[T, T]> = [];
  for (const a of [...matched.onlyA]) {
    const b = matched.onlyB.find((x) => identity(x) === identity(a));
    if (!b) continue;
    matched.onlyA.splice(matched.onlyA.indexOf(a), 1);
    matched.onlyB.splice(matched.onlyB.indexOf(b), 1);
    pairs.push([a, b]);
    out.add({ kind: 'changed', object, path: pathOf(a), property: 'name', a: a.name, b: b.name }, out.rules.names, 'the same definition under another name');
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

  /** `sourceText`: the property that holds source text besides a function's `body` (a view's definition). */
  props<T>(object: ObjectKind, path: string, a: T, b: T, props: Props<T>, sourceText?: string): void {
    for (const property of props) {
      const va = a[property as keyof T];
      const vb = b[property as keyof T];
      if (sameValue(va, vb)) continue;
      const difference = { kind: 'changed' as const, object, path, property, a: va, b: vb };
      if (property === 'comment') this.add(difference, this.rules.comments, 'a comment');
      else if (((property === 'body' && readAsSql(a) && readAsSql(b)) || property === sourceText) && sameText(va, vb)) {
        this.add(difference, this.rules.bodyWhitespaceAndComments, 'differs only in whitespace and comments');
      } else if (property === 'body' && isSql(a) && isSql(b) && sameStandardBodyBesideCastAliases(textOf(va), textOf(vb))) {
        this.add(difference, this.rules.bodyWhitespaceAndComments, "differs only in a cast's column alias that a restored pg_dump adds");
      } else this.add(difference);
    }
  }
}

/**
 * Whether a body is SQL (a function in SQL or PL/pgSQL): only then are whitespace and comments
 * those of SQL. In another language they may be the program (Python's indentation, Perl's and
 * JavaScript's `--`): any change of its text is a change.
 */
function readAsSql(object: unknown): boolean {
  const language = (object as { language?: unknown }).language;
  return language === undefined || language === 'sql' || language === 'plpgsql';
}

/** A function in SQL: only its body can be a SQL-standard one (BEGIN ATOMIC, RETURN), which the server writes. */
const isSql = (object: unknown) => (object as { language?: unknown }).language === 'sql';

const textOf = (v: unknown) => (Array.isArray(v) ? v.join('\n') : String(v));

function sameText(a: unknown, b: unknown): boolean {
  return withoutWhitespaceAndComments(textOf(a)) === withoutWhitespaceAndComments(textOf(b));
}

