import { PART_KEYS, PARTS, RELATION_KEYS, RELATIONS } from '../catalog/relations.js';
import type { Difference } from './types.js';

/** How the registry (catalog/relations.ts) describes an object in one line, by a difference's `object`. */
const DESCRIBE = new Map<string, (item: never) => string>([
  ...RELATION_KEYS.flatMap((key) => {
    const spec: { objects: object; describe?: (item: never) => string } = RELATIONS[key];
    return spec.describe ? Object.keys(spec.objects).map((object): [string, (item: never) => string] => [object, spec.describe!]) : [];
  }),
  ...PART_KEYS.flatMap((key): Array<[string, (item: never) => string]> => {
    const spec: { object: string; describe?: (item: never) => string } = PARTS[key];
    return spec.describe ? [[spec.object, spec.describe]] : [];
  }),
]);

/** One line for an object that exists on one side only: as its kind describes it, or its path. */
export function describeObject(d: Difference): string {
  const describe = DESCRIBE.get(d.object);
  return describe ? describe((d.kind === 'missing' ? d.a : d.b) as never) : d.path;
}

/** A property value in one line, or undefined when it is long enough to deserve a diff. */
export function inline(value: unknown, property?: string): string | undefined {
  if (Array.isArray(value)) {
    // source text kept as lines reads best as a line diff
    if ((property === 'body' || property === 'definition') && value.length > 1) return undefined;
    const items = value.map(itemText);
    if (items.some((item) => item.length > 60) || value.length > 12) return undefined;
    return `[${items.join(', ')}]`;
  }
  if (value === null) return '(none)';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 100 ? undefined : text;
}

/** Multi-line text of a long value, for a line diff. */
export function multiline(value: unknown): string {
  return Array.isArray(value) ? value.map(itemText).join('\n') : typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

/** An item of a list: a line of source text as it is; anything else (an attribute, a table with its column list) as JSON. */
function itemText(item: unknown): string {
  return typeof item === 'string' ? item : JSON.stringify(item);
}
