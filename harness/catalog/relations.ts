import type * as z from 'zod';
import { ident, qualifiedName } from './identity.js';
import type { RowContext } from './kinds.js';
import * as model from './model.js';
import type { Column, Constraint, Index, Snapshot, Table } from './model.js';
import type { QueryName } from './queries.js';
import { withoutQualifier } from './view-definition.js';

/**
 * The one list of the snapshot's relations — the kinds that carry parts (tables, views) — and of
 * their parts (columns, constraints, indexes…). Each is declared once: where its rows come from,
 * what it is called in reports, the coverage-guard kinds it represents. A part is identified by
 * its name within its relation; what is compared is every field of its model but the name (and
 * the parts, for a relation), less what it says is not compared. The snapshot's assembly, the
 * comparison, the duplicate check and every report are driven from here; the types require an
 * entry for every list of parts a relation's model holds, so a part cannot be half-registered.
 */
export type RelationKey = 'tables' | 'views';
export type RelationOf<R extends RelationKey> = Snapshot[R][number];

/** The fields of `T` that are lists of named objects: its parts. */
export type PartFields<T> = { [F in keyof T]-?: T[F] extends ReadonlyArray<infer E> ? (E extends { name: string } ? F : never) : never }[keyof T];
export type PartKey = { [R in RelationKey]: PartFields<RelationOf<R>> }[RelationKey];
/** One part of kind `P` (the same model on every relation that has it). */
export type PartOf<P extends PartKey> = { [R in RelationKey]: P extends keyof RelationOf<R> ? (RelationOf<R>[P] extends ReadonlyArray<infer E> ? E : never) : never }[RelationKey];

export interface RelationSpec<T> {
  /** The words for one object in reports and a difference's `object`, each with its report section's heading. */
  objects: Readonly<Record<string, string>>;
  /** Which of `objects` an object is. */
  objectOf: (item: T) => string;
  query: QueryName;
  model: z.ZodObject;
  /** The fields that identify a relation (not compared: they are the key). */
  identityFields: ReadonlyArray<keyof T & string>;
  /** The identity key, unambiguous (names quoted where needed); also the difference's path and its parts' paths' head. */
  identity: (item: T) => string;
  /** Kinds of the coverage guard that this list represents. */
  covers: readonly string[];
  /**
   * Its parts, in the order they are compared and reported: `true` compared, `false` stored (and
   * refused twice) but not compared — a view's columns follow from its definition.
   */
  parts: { readonly [P in PartFields<T>]: boolean };
  /**
   * Reported by relation (tables): the ones only on one side lead the report, and each one's
   * changes head the group of its parts' differences. Otherwise (views) its own differences have
   * their report sections, like a stand-alone kind's, and only its parts are grouped by relation.
   */
  groupsParts?: true;
  /** The field holding source text: differences only in whitespace and comments are cosmetic there. */
  sourceText?: keyof T & string;
  /** A row of the query (`relid` taken off) to the relation without its parts, or undefined to leave it out. */
  fromRow?: (row: Record<string, unknown>, context: RowContext) => Record<string, unknown> | undefined;
  /** One line for it in reports when it is on one side only (otherwise its path). */
  describe?: (item: T) => string;
}

export interface PartSpec<T extends { name: string }> {
  /** The word for one part in reports and in a difference's `object`. */
  object: string;
  /** The heading of its group in a relation's report (`columns`). */
  heading: string;
  query: QueryName;
  model: z.ZodObject;
  /** Kinds of the coverage guard that this part represents. */
  covers: readonly string[];
  /** Its path under its relation's: `.` for a member (`public.t.id`), `#` for an object of its own (`public.t#t_pkey`). */
  separator: '.' | '#';
  /** Fields stored but not compared as properties (besides the name). */
  uncompared?: ReadonlyArray<keyof T & string>;
  /** Order matters: the same parts in another order is one difference of the relation (`columnOrder`, under the columnOrder rule). */
  ordered?: true;
  /**
   * One only in A and one only in B, the same in everything but the name, are one renamed part
   * (under the `names` rule); `'definition'`: the definition spells the name (CREATE INDEX <name>
   * ON …), so it is compared with the name cut out.
   */
  renamed?: true | 'definition';
  /**
   * The part whose objects implement these (`field` names the one it implements: an index and
   * its constraint): they are compared through it, so a re-formed, renamed, missing or extra
   * constraint and its index are one difference, not two.
   */
  implementedBy?: { part: PartKey; field: string };
  /**
   * Stored fields the query does not return, from its row and the parts of its relation stored
   * so far (written as the row is copied into the stored part: no second copy of each row).
   */
  derived?: { [F in keyof T]?: (siblings: readonly T[]) => T[F] };
  /** One line for it in reports when it is on one side only (otherwise its path). */
  describe?: (item: T) => string;
}

/** One element per line, so a changed line of a long definition is one changed line of JSON. */
export function lines(text: string | null): string[] {
  return text === null ? [] : text.split('\n');
}

const definition = (o: { definition: string }) => o.definition;

export const RELATIONS = {
  tables: {
    objects: { table: 'Tables' },
    objectOf: () => 'table',
    query: 'tables',
    model: model.Table,
    identityFields: ['schema', 'name'],
    identity: qualifiedName,
    covers: ['table'],
    parts: { columns: true, constraints: true, indexes: true, triggers: true, policies: true, rules: true },
    groupsParts: true,
    fromRow: (row, context) => (context.isIgnoredTable(row.schema as string, row.name as string) ? undefined : row),
    describe: (t: Table) => `${qualifiedName(t)} (${t.columns.map((c) => ident(c.name)).join(', ')})`,
  },
  views: {
    objects: { view: 'Views', 'materialized view': 'Materialized views' },
    objectOf: (v) => (v.materialized ? 'materialized view' : 'view'),
    query: 'views',
    model: model.View,
    identityFields: ['schema', 'name'],
    identity: qualifiedName,
    covers: ['view', 'materialized view'],
    // a view's columns are compared too: their names and types follow from its definition, but a
    // default (ALTER VIEW … ALTER COLUMN … SET DEFAULT) and a comment do not
    parts: { columns: true, indexes: true, triggers: true, rules: true },
    sourceText: 'definition',
    fromRow: ({ qualifier, ...row }) => ({ ...row, definition: lines(row.definition === null ? null : withoutQualifier(row.definition as string, qualifier as string | null)) }),
  },
} as const satisfies { [R in RelationKey]: RelationSpec<RelationOf<R>> };

export const RELATION_KEYS = Object.keys(RELATIONS) as RelationKey[];

export const PARTS = {
  columns: {
    object: 'column',
    heading: 'columns',
    query: 'columns',
    model: model.Column,
    covers: [],
    separator: '.',
    uncompared: ['position'],
    ordered: true,
    // 1-based among the live columns: the rows arrive in attnum order
    derived: { position: (siblings) => siblings.length + 1 },
    describe: (c: Column) => [c.name, c.type, c.notNull ? 'NOT NULL' : '', c.default !== null ? `DEFAULT ${c.default}` : ''].filter(Boolean).join(' '),
  },
  constraints: {
    object: 'constraint',
    heading: 'constraints',
    query: 'constraints',
    model: model.Constraint,
    covers: ['table constraint'],
    separator: '#',
    renamed: true,
    implementedBy: { part: 'indexes', field: 'constraint' },
    describe: (c: Constraint) => `${c.name} ${c.definition}`,
  },
  indexes: { object: 'index', heading: 'indexes', query: 'indexes', model: model.Index, covers: ['index'], separator: '#', renamed: 'definition', describe: (i: Index) => i.definition },
  triggers: { object: 'trigger', heading: 'triggers', query: 'triggers', model: model.Trigger, covers: ['trigger'], separator: '#', renamed: 'definition', describe: definition },
  policies: { object: 'policy', heading: 'policies', query: 'policies', model: model.Policy, covers: ['policy'], separator: '#', renamed: true },
  rules: { object: 'rule', heading: 'rules', query: 'rules', model: model.Rule, covers: ['rule'], separator: '#', describe: definition },
} as const satisfies { [P in PartKey]: PartSpec<PartOf<P>> };

export const PART_KEYS = Object.keys(PARTS) as PartKey[];

export type RelationObject = { [R in RelationKey]: keyof (typeof RELATIONS)[R]['objects'] }[RelationKey];
export type PartObject = (typeof PARTS)[PartKey]['object'];

/** A relation kind's declaration, as the generic code reads it. */
export function relationSpec<R extends RelationKey>(key: R): RelationSpec<RelationOf<R>> {
  return RELATIONS[key] as unknown as RelationSpec<RelationOf<R>>;
}

/** A part's declaration, as the generic code reads it. */
export function partSpec(key: PartKey): PartSpec<{ name: string }> {
  return PARTS[key] as unknown as PartSpec<{ name: string }>;
}

/** The parts of a relation kind, in order; with `compared`, only those compared. */
export function partsOf(key: RelationKey, which: 'all' | 'compared' = 'all'): PartKey[] {
  const parts = relationSpec(key).parts as Record<string, boolean>;
  return (Object.keys(parts) as PartKey[]).filter((part) => which === 'all' || parts[part]);
}

/** The properties of a relation that are compared: every field of its model but its identity and its parts. */
export function relationProps(key: RelationKey): readonly string[] {
  return RELATION_PROPS.get(key)!;
}

/** The properties of a part that are compared: every field of its model but its name and the uncompared ones. */
export function partProps(key: PartKey): readonly string[] {
  return PART_PROPS.get(key)!;
}

// computed once: the comparison asks for every pair of relations
const RELATION_PROPS = new Map(
  RELATION_KEYS.map((key) => {
    const spec = relationSpec(key);
    return [key, Object.keys(spec.model.shape).filter((field) => !spec.identityFields.includes(field as never) && !(field in spec.parts))];
  }),
);
const PART_PROPS = new Map(
  PART_KEYS.map((key) => {
    const spec = partSpec(key);
    return [key, Object.keys(spec.model.shape).filter((field) => field !== 'name' && !(spec.uncompared ?? []).includes(field as 'name'))];
  }),
);

/** Every word a relation or part can be called in a difference's `object`, in declaration order. */
export const RELATION_OBJECTS = RELATION_KEYS.flatMap((key) => Object.keys(RELATIONS[key].objects)) as RelationObject[];
export const PART_OBJECTS = PART_KEYS.map((key) => PARTS[key].object) as PartObject[];

/** The kinds of the coverage guard that relations and their parts represent. */
export const RELATION_COVERS: readonly string[] = [...RELATION_KEYS.flatMap((key) => RELATIONS[key].covers), ...PART_KEYS.flatMap((key) => PARTS[key].covers)];
