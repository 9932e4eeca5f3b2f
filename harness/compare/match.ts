/** The items of two lists paired by key, in byte order of the key. */
export interface Matched<T> {
  both: Array<[T, T]>;
  onlyA: T[];
  onlyB: T[];
}

/** Two objects with one identity in one snapshot: a hand-edited or corrupt file, never a real catalog. */
export class DuplicateIdentityError extends Error {
  override name = 'DuplicateIdentityError';
}

/**
 * Pairs the items of A and B by `keyOf`. An identity twice in one list is refused (`what` names
 * the list in the message): matching would keep one of the two and lose the other in silence.
 */
export function matchBy<T>(as: readonly T[], bs: readonly T[], keyOf: (item: T) => string, what = 'objects'): Matched<T> {
  refuseDuplicates(as, keyOf, what, 'A');
  const byKey = new Map<string, T>();
  for (const b of bs) {
    const key = keyOf(b);
    if (byKey.has(key)) throw duplicate(what, key, 'B');
    byKey.set(key, b);
  }
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

function refuseDuplicates<T>(items: readonly T[], keyOf: (item: T) => string, what: string, side: string): void {
  const seen = new Set<string>();
  for (const item of items) {
    const key = keyOf(item);
    if (seen.has(key)) throw duplicate(what, key, side);
    seen.add(key);
  }
}

function duplicate(what: string, key: string, side: string): DuplicateIdentityError {
  return new DuplicateIdentityError(
    `snapshot ${side} lists ${key} twice among its ${what}: a catalog cannot hold that, so the snapshot was edited or damaged. Restore it from git or run "parity refresh" and review the result.`,
  );
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
