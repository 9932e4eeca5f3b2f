/** Every kind of catalog object a difference can be about, in report order. */
export const OBJECT_KINDS = ['schema', 'extension', 'enum', 'domain', 'table', 'column', 'constraint', 'index', 'trigger', 'policy', 'view', 'function', 'sequence'] as const;

/** What kind of catalog object a difference is about. */
export type ObjectKind = (typeof OBJECT_KINDS)[number];

/**
 * `missing`: in A, not in B. `extra`: in B, not in A. `changed`: in both, `property` differs.
 * A `drift` fails a check; a `cosmetic` difference is reported and fails only with --strict.
 */
export interface Difference {
  kind: 'missing' | 'extra' | 'changed';
  object: ObjectKind;
  /** Stable: `public.requests`, `public.requests.status` (column), `public.requests#requests_pkey`. */
  path: string;
  /** For `changed`: which property (`type`, `default`, `labels`, `name`, …). */
  property?: string;
  a: unknown;
  b: unknown;
  severity: 'drift' | 'cosmetic';
  /** Why it is cosmetic, or how two forms relate (`same columns, different name`). */
  note?: string;
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
};

export interface Comparison {
  differences: Difference[];
  /** Things the reader must know about the verdict (e.g. snapshots from different majors). */
  warnings: string[];
}

/** Drift, or with `strict` any difference at all. */
export function fails(comparison: Comparison, strict = false): boolean {
  return comparison.differences.some((d) => strict || d.severity === 'drift');
}
