import { sameValue } from '../compare/match.js';
import type { Snapshot } from '../catalog/model.js';

/**
 * A snapshot without what the host's setup made (`host` is the snapshot of a database with only
 * the setup in it). An object equal to the host's goes; one the project changed stays whole; a
 * host table stays as a shell with only the parts the project added (its columns, triggers,
 * policies), the host's own parts gone. Works on every list of the snapshot, whatever it holds.
 */
export function withoutHost(snapshot: Snapshot, host: Snapshot): Snapshot {
  const out: Record<string, unknown> = { ...snapshot };
  for (const [key, value] of Object.entries(snapshot)) {
    const theirs = (host as Record<string, unknown>)[key];
    if (Array.isArray(value) && Array.isArray(theirs)) out[key] = subtract(value, theirs);
  }
  return out as Snapshot;
}

function subtract(items: readonly unknown[], host: readonly unknown[]): unknown[] {
  const kept: unknown[] = [];
  for (const item of items) {
    const twin = host.find((h) => sameIdentity(h, item)) ?? host.find((h) => sameValue(h, item));
    if (twin === undefined) {
      kept.push(item);
      continue;
    }
    const parts = typeof item === 'object' && item !== null ? Object.entries(item).filter(([, v]) => Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'object' && x !== null)) : [];
    const hasParts = parts.length > 0 || Object.values(twin as object).some((v) => Array.isArray(v) && v.some((x) => typeof x === 'object'));
    if (!hasParts) {
      if (!sameValue(twin, item)) kept.push(item); // changed by the project: compared whole
      continue;
    }
    // a host table (or view): kept as a shell holding only what the project added to it, on
    // every side alike, so a trigger the project put on auth.users is compared as a trigger
    // A list of values (a publication's operations, a column's options) is one property, kept
    // whole: taking the host's values out of it would hide a change the project made to them.
    const reduced: Record<string, unknown> = { ...(item as Record<string, unknown>) };
    for (const [key, value] of Object.entries(reduced)) {
      const theirs = (twin as Record<string, unknown>)[key];
      if (Array.isArray(value) && Array.isArray(theirs) && [...value, ...theirs].every(isObject)) reduced[key] = subtract(value, theirs);
    }
    kept.push(reduced);
  }
  return kept;
}

function isObject(x: unknown): boolean {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** The same object in two snapshots: same schema and name (and arguments, for routines). */
function sameIdentity(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  if (!('name' in x) || x.name !== y.name) return false;
  return x.schema === y.schema && x.identityArguments === y.identityArguments;
}
