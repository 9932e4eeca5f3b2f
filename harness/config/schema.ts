import { isAbsolute } from 'node:path';
import * as z from 'zod';
import { OBJECT_KINDS, type CompareRules, type RuleLevel } from '../compare/types.js';
import type { ParityConfig } from './types.js';

/**
 * The shape of `parity.config.ts`, checked before anything runs: a typo in a key or a value must
 * be an error naming the file, the key path and what is allowed — never silently the default
 * (`rules: { names: 'drfit' }` once turned drift into a pass).
 */
const RULE_LEVELS = ['drift', 'cosmetic', 'ignore'] as const satisfies readonly RuleLevel[];

const level = z.enum(RULE_LEVELS);
const names = z.array(z.string().min(1));

export const RulesSchema = z.strictObject({
  columnOrder: level,
  names: level,
  uniqueConstraintVsIndex: level,
  bodyWhitespaceAndComments: level,
  equivalentDefaults: level,
  comments: level,
  ignoreObjects: z.array(z.enum(OBJECT_KINDS as unknown as [string, ...string[]])),
  privileges: level,
  ownership: level,
  // PUBLIC is every role: mapped, grants to everyone would compare as grants to one role
  roleMap: z.record(z.string().min(1), z.string().min(1)).superRefine((map, ctx) => {
    for (const key of Object.keys(map)) if (key.toUpperCase() === 'PUBLIC') ctx.addIssue({ code: 'custom', path: [key], message: 'PUBLIC is every role, not one: map the names of roles' });
  }),
}).partial();

export const IgnoreSchema = z.strictObject({ schemas: names, tables: names }).partial();

export const ConfigSchema = z.strictObject({
  sources: z.record(z.string(), z.string().min(1)),
  snapshots: names.optional(),
  equal: z
    .array(
      names.superRefine((group, ctx) => {
        const twice = group.find((name, i) => group.indexOf(name) !== i);
        if (twice !== undefined) ctx.addIssue({ code: 'custom', message: `names a source twice (${JSON.stringify(twice)}): a group says which different sources must be equal` });
      }),
    )
    .optional(),
  // under the project (join(root, '/etc') is root/etc: an absolute path would silently be another folder)
  snapshotDir: z
    .string()
    .min(1)
    .superRefine((dir, ctx) => {
      if (isAbsolute(dir)) ctx.addIssue({ code: 'custom', message: `${JSON.stringify(dir)} is absolute: name a folder of the project, relative to its config (committed snapshots are reviewed in the repository)` });
    })
    .optional(),
  rules: RulesSchema.optional(),
  ignore: IgnoreSchema.optional(),
  dumpExcludeSchemas: names.optional(),
  baseline: z.string().min(1).optional(),
  postgres: z.strictObject({ major: z.number().int() }).partial().optional(),
  setup: names.optional(),
  accepted: z.string().min(1).optional(),
  strictCoverage: z.boolean().optional(),
});

// Compile-time: the lists above are every kind and level there is, and the rules object has
// exactly CompareRules' keys (a rule added there without one here fails tsc, not a user)…
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
true satisfies Exactly<(typeof RULE_LEVELS)[number], RuleLevel>;
true satisfies Exactly<keyof z.infer<typeof RulesSchema>, keyof CompareRules>;
// …and the config's keys are ParityConfig's: a key added to the type must be added here.
true satisfies Exactly<keyof z.infer<typeof ConfigSchema>, keyof ParityConfig>;

/** The keys allowed in each object of the config, for "unknown key" messages. */
const ALLOWED_KEYS: Record<string, readonly string[]> = {
  '': Object.keys(ConfigSchema.shape),
  rules: Object.keys(RulesSchema.shape),
  ignore: Object.keys(IgnoreSchema.shape),
  postgres: ['major'],
};

export interface ConfigProblem {
  /** `rules.names`, `equal[0][1]`, or '' for the whole config. */
  path: string;
  message: string;
  /** What to look for in the file's text to point at the line (a key or a quoted value). */
  needle?: { key: string } | { value: string };
}

/** Every problem zod finds, as sentences that say what is allowed. */
export function configProblems(value: unknown): ConfigProblem[] {
  const result = ConfigSchema.safeParse(value);
  if (result.success) return [];
  return result.error.issues.flatMap((issue): ConfigProblem[] => {
    const path = pathText(issue.path);
    const at = valueAt(value, issue.path);
    switch (issue.code) {
      case 'unrecognized_keys': {
        const allowed = ALLOWED_KEYS[path.replace(/\[\d+\]/g, '')] ?? [];
        return issue.keys.map((key) => ({
          path: joinPath(path, key),
          message: `unknown key "${key}"${suggest(key, allowed)}: ${path ? `${path} takes` : 'the config takes'} ${allowed.join(', ')}`,
          needle: { key },
        }));
      }
      case 'invalid_value':
        return [
          {
            path,
            message: `${JSON.stringify(at)} is not allowed${typeof at === 'string' ? suggest(at, issue.values.map(String)) : ''}: use one of ${issue.values.map((v) => String(v)).join(', ')}`,
            needle: typeof at === 'string' ? { value: at } : { key: String(issue.path.at(-1) ?? '') },
          },
        ];
      case 'invalid_type':
        return [{ path, message: at === undefined ? `is required (${described(issue.expected)})` : `expected ${described(issue.expected)}, got ${kindOf(at)}`, needle: keyNeedle(issue.path) }];
      case 'too_small':
        return [{ path, message: 'must not be empty', needle: keyNeedle(issue.path) }];
      default:
        return [{ path, message: issue.message, needle: keyNeedle(issue.path) }];
    }
  });
}

function keyNeedle(path: readonly PropertyKey[]): ConfigProblem['needle'] {
  const last = [...path].reverse().find((p) => typeof p === 'string');
  return last === undefined ? undefined : { key: last };
}

function described(expected: string): string {
  return expected === 'record' || expected === 'object' ? 'an object' : expected === 'array' ? 'a list' : `a ${expected}`;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let at = value;
  for (const key of path) at = at !== null && typeof at === 'object' ? (at as Record<PropertyKey, unknown>)[key] : undefined;
  return at;
}

export function pathText(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : joinPath(text, String(key))), '');
}

function joinPath(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/** `; did you mean "names"?` for a near miss (edit distance ≤ 2), else nothing. */
function suggest(word: string, allowed: readonly string[]): string {
  const best = allowed.map((a) => [a, distance(word.toLowerCase(), a.toLowerCase())] as const).sort((x, y) => x[1] - y[1])[0];
  return best && best[1] <= Math.min(2, Math.floor(best[0].length / 2)) ? ` (did you mean "${best[0]}"?)` : '';
}

/** Edit distance counting a swap of two neighbours as one edit ("drfit" → "drift" is 1). */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * Where in the config's text a problem is: the first `key:` or quoted value it names, as
 * line:column (1-based), or undefined when the text does not show it (a computed config).
 */
export function locate(text: string, needle: ConfigProblem['needle']): { line: number; column: number } | undefined {
  if (!needle) return undefined;
  const escaped = ('key' in needle ? needle.key : needle.value).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = 'key' in needle ? new RegExp(`(?<![\\w$])(?:${escaped}|(['"\`])${escaped}\\1)\\s*:`) : new RegExp(`(['"\`])${escaped}\\1`);
  const match = pattern.exec(text);
  if (!match) return undefined;
  const before = text.slice(0, match.index).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}
