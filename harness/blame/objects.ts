import type { Snapshot } from '../catalog/model.js';
import { partsOf, RELATION_KEYS } from '../catalog/relations.js';
import { compare } from '../compare/compare.js';
import { DEFAULT_RULES, type CompareRules, type Difference, type ObjectKind } from '../compare/types.js';

/** Every rule at `drift`, nothing ignored: blame must see every change, cosmetic ones too. */
export const SEE_ALL: CompareRules = {
  ...(Object.fromEntries(Object.keys(DEFAULT_RULES).map((key) => [key, 'drift'])) as unknown as CompareRules),
  ignoreObjects: [],
  roleMap: {},
};

/** An object of a snapshot, under the path compare gives it. */
export interface ObjectEntry {
  kind: ObjectKind;
  name: string;
  /** The relation (table, view) a part (column, constraint, index…) belongs to. */
  parent?: string;
}

/**
 * Every object of `snapshot` by its path, as compare renders paths: the objects are what compare
 * reports as only in the snapshot when the other side has nothing (the top-level objects), or
 * has the same tables and views without their parts (columns, constraints, indexes …). So a
 * path here is always spelled exactly as a Difference's path.
 */
export function objectsOf(snapshot: Snapshot): Map<string, ObjectEntry> {
  const nothing = Object.fromEntries(Object.entries(snapshot).map(([key, value]) => [key, Array.isArray(value) ? [] : value])) as unknown as Snapshot;
  // the relations without their parts (catalog/relations.ts)
  const shell = { ...snapshot, ...Object.fromEntries(RELATION_KEYS.map((key) => [key, snapshot[key].map((r) => ({ ...r, ...Object.fromEntries(partsOf(key).map((part) => [part, []])) }))])) } as Snapshot;
  const out = new Map<string, ObjectEntry>();
  const relations = RELATION_KEYS.flatMap((key) => snapshot[key].map((r) => ({ r, parts: partsOf(key).map((part) => (r as Record<string, unknown>)[part] as unknown[]) })));
  const parentOf = (item: unknown): string | undefined => relations.find(({ parts }) => parts.some((list) => list.includes(item)))?.r.name;
  const add = (d: Difference, parent: boolean) => {
    if (d.kind !== 'extra') return;
    const name = (d.b as { name?: string }).name ?? d.path;
    out.set(d.path, { kind: d.object, name, ...(parent ? { parent: parentOf(d.b) } : {}) });
  };
  for (const d of compare(nothing, snapshot, SEE_ALL).differences) add(d, false);
  for (const d of compare(shell, snapshot, SEE_ALL).differences) add(d, true);
  return out;
}
