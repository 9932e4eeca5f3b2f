import type { Snapshot } from '../catalog/model.js';
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
  /** The table or view a column, constraint, index, trigger or policy belongs to. */
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
  const hollow = (relations: Array<Record<string, unknown>>) =>
    relations.map((r) => Object.fromEntries(Object.entries(r).map(([key, value]) => [key, Array.isArray(value) && value.some((v) => typeof v === 'object') ? [] : value])));
  const shell = { ...snapshot, tables: hollow(snapshot.tables), views: hollow(snapshot.views) } as Snapshot;
  const out = new Map<string, ObjectEntry>();
  const relations = [...snapshot.tables, ...snapshot.views] as Array<Snapshot['tables'][number] | Snapshot['views'][number]>;
  const parentOf = (item: unknown): string | undefined =>
    relations.find((r) => Object.values(r).some((value) => Array.isArray(value) && (value as unknown[]).includes(item)))?.name;
  const add = (d: Difference, parent: boolean) => {
    if (d.kind !== 'extra') return;
    const name = (d.b as { name?: string }).name ?? d.path;
    out.set(d.path, { kind: d.object, name, ...(parent ? { parent: parentOf(d.b) } : {}) });
  };
  for (const d of compare(nothing, snapshot, SEE_ALL).differences) add(d, false);
  for (const d of compare(shell, snapshot, SEE_ALL).differences) add(d, true);
  return out;
}
