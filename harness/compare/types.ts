import { KINDS } from '../catalog/kinds.js';
import type { NotCompared } from '../catalog/model.js';
import { PART_OBJECTS, RELATION_OBJECTS, type PartObject, type RelationObject } from '../catalog/relations.js';

/** The parts of tables (and views) a difference can be about, from the registry (catalog/relations.ts). */
export const RELATION_PARTS: readonly PartObject[] = PART_OBJECTS;

/** The opt-in dimensions' objects: a grant, a default privilege, an object's owner (compare/privileges.ts). */
export const ACCESS_OBJECTS = ['privilege', 'default privilege', 'owner'] as const;

/** What kind of catalog object a difference is about: the registries' words (catalog/relations.ts, catalog/kinds.ts), and the opt-in dimensions'. */
export type ObjectKind = RelationObject | PartObject | (typeof KINDS)[keyof typeof KINDS]['object'] | (typeof ACCESS_OBJECTS)[number];

/** Every kind of catalog object a difference can be about (JUnit's test cases, the config's ignoreObjects). */
export const OBJECT_KINDS: readonly ObjectKind[] = [...RELATION_OBJECTS, ...PART_OBJECTS, ...(Object.keys(KINDS) as (keyof typeof KINDS)[]).map((key): ObjectKind => KINDS[key].object), ...ACCESS_OBJECTS];

/**
 * `missing`: in A, not in B. `extra`: in B, not in A. `changed`: in both, `property` differs.
 * A `drift` fails a check; a `cosmetic` difference is reported and fails only with --strict.
 */
export interface Difference {
  kind: 'missing' | 'extra' | 'changed';
  object: ObjectKind;
  /**
   * Stable and unambiguous: `public.requests`, `public.requests.status` (column),
   * `public.requests#requests_pkey`; a name that is not a plain lower-case identifier is
   * double-quoted (`public."Order"."a.b"`).
   */
  path: string;
  /** For `changed`: which property (`type`, `default`, `labels`, `name`, …). */
  property?: string;
  a: unknown;
  b: unknown;
  severity: 'drift' | 'cosmetic';
  /** Why it is cosmetic, or how two forms relate (`same columns, different name`). */
  note?: string;
  /** What to do about it, for the side that differs from the reference A (compare/hints.ts). */
  hint?: string;
  /** An object the Drizzle side of the pair cannot declare: reported under a heading of its own. */
  drizzleCannotDeclare?: boolean;
  /** On a migration-folder side, the unit that last made the object what it is (`parity diff --blame`; set by the CLI, never by compare). */
  blame?: { file: string; line: number };
}

/** How strict a rule is: a difference it governs is drift, cosmetic, or not reported at all. */
export type RuleLevel = 'drift' | 'cosmetic' | 'ignore';

export interface CompareRules {
  /** Same columns in another order (ALTER TABLE ADD COLUMN appends; a baseline declares in order). */
  columnOrder: RuleLevel;
  /** A constraint/index/trigger/policy that matches another in everything but its name. */
  names: RuleLevel;
  /** A UNIQUE constraint in one, a unique index with the same name and definition in the other. */
  uniqueConstraintVsIndex: RuleLevel;
  /** Function bodies and view definitions that differ only in whitespace and comments. */
  bodyWhitespaceAndComments: RuleLevel;
  /** Column defaults that print differently but the server evaluates to the same value (needs a server). */
  equivalentDefaults: RuleLevel;
  /** COMMENT ON … texts. */
  comments: RuleLevel;
  /** Object kinds left out of the comparison entirely. */
  ignoreObjects: ObjectKind[];
  /** Grants and default privileges (opt-in: the snapshots must be taken with privileges). */
  privileges: RuleLevel;
  /** Who owns each object (opt-in, as privileges). */
  ownership: RuleLevel;
  /** Role names read as another on both sides before privileges and owners are matched (`{ supabase_admin: 'postgres' }`). */
  roleMap: Record<string, string>;
}

/** The defaults, with the reasons in the README ("The comparison rules"). */
export const DEFAULT_RULES: CompareRules = {
  columnOrder: 'cosmetic',
  names: 'drift',
  uniqueConstraintVsIndex: 'drift',
  bodyWhitespaceAndComments: 'cosmetic',
  equivalentDefaults: 'cosmetic',
  comments: 'cosmetic',
  ignoreObjects: [],
  privileges: 'ignore',
  ownership: 'ignore',
  roleMap: {},
};

/** Whether `rules` compare privileges or owners: then snapshots must be taken with them. */
export function wantsPrivileges(rules: Partial<CompareRules> | undefined): boolean {
  return (rules?.privileges ?? DEFAULT_RULES.privileges) !== 'ignore' || (rules?.ownership ?? DEFAULT_RULES.ownership) !== 'ignore';
}

/** An object of a kind the snapshots do not compare, and which side(s) have it. */
export interface NotComparedObject extends NotCompared {
  in: 'a' | 'b' | 'both';
}

export interface Comparison {
  differences: Difference[];
  /** Things the reader must know about the verdict (e.g. snapshots from different majors). */
  warnings: string[];
  /** User objects of kinds not compared (the coverage guard): the verdict does not cover them. */
  notCompared: NotComparedObject[];
}

/** Drift, or with `strict` any difference at all. */
export function fails(comparison: Comparison, strict = false): boolean {
  return comparison.differences.some((d) => strict || d.severity === 'drift');
}
