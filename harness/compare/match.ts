/** The items of two lists paired by key, in byte order of the key. */
export interface Matched<T> {
  both: Array<[T, T]>;
  onlyA: T[];
  onlyB: T[];
}

export function matchBy<T>(as: readonly T[], bs: readonly T[], keyOf: (item: T) => string): Matched<T> {
  const byKey = new Map<string, T>();
  for (const b of bs) byKey.set(keyOf(b), b);
  const both: Array<[T, T]> = [];
  const onlyA: T[] = [];
  for (const a of as) {
    const key = keyOf(a);
    const b = byKey.get(key);
    if (b === undefined) onlyA.push(a);
    else {
      both.push([a, b]);
      byKey.delete(key);
    }
  }
  const order = (x: T, y: T) => compareText(keyOf(x), keyOf(y));
  both.sort(([x], [y]) => order(x, y));
  return { both, onlyA: onlyA.sort(order), onlyB: [...byKey.values()].sort(order) };
}

/** Byte order, like COLLATE "C": the same on every machine. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Structural equality of plain JSON data, independent of key order. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => k in b && sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
