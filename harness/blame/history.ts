import type { Snapshot } from '../catalog/model.js';
import { compare } from '../compare/compare.js';
import { hostSource } from '../setup/setup.js';
import type { Buildable } from '../sources/source.js';
import type { Chain } from './chain.js';
import { objectsOf, SEE_ALL, type ObjectEntry } from './objects.js';
import { statementLine } from './statement.js';

import type { BlameLocation } from './note.js';

export type { BlameLocation };

export interface BlameEvent extends BlameLocation {
  event: 'created' | 'altered' | 'dropped';
  /** For `altered`: the properties that changed (`type`, `labels`, `definition` …). */
  properties?: string[];
}

export interface ObjectHistory {
  path: string;
  events: BlameEvent[];
  /** The last event: the unit that made the object what it is at the end of the chain (or dropped it). */
  introducedBy?: BlameLocation;
}

/** How a prefix is snapshotted: the CLI's session, or snapshotOfSource on a test server. */
export type SnapshotOf = (source: Buildable) => Promise<Snapshot>;

/**
 * The snapshot before the first unit (an empty database, so what the server puts in every
 * database is nobody's change) and after each unit, each prefix built as a template of its
 * own by content hash (and from the disk cache when the snapshotter has one).
 */
export async function prefixSnapshots(chain: Chain, snapshotOf: SnapshotOf, options: { concurrency?: number } = {}): Promise<Snapshot[]> {
  const sources = [hostSource({ files: [] }), ...chain.steps.map((step) => step.prefix)];
  const snapshots: Snapshot[] = new Array(sources.length);
  // prefixes are independent templates (each under its own lock): a few at once hide the
  // connection set-up each one costs. A failed build stops the others taking more; once all have
  // stopped (nothing of ours still runs after the error) the first failing prefix's error is
  // thrown (every later prefix fails too: the same unit, whichever of them finished first).
  let next = 0;
  const failures: Array<{ index: number; error: unknown }> = [];
  const worker = async () => {
    while (next < sources.length && failures.length === 0) {
      const index = next++;
      try {
        snapshots[index] = await snapshotOf(sources[index]!);
      } catch (error) {
        failures.push({ index, error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 4, sources.length)) }, worker));
  if (failures.length > 0) throw failures.sort((a, b) => a.index - b.index)[0]!.error;
  return snapshots;
}

/**
 * Each path's history through the chain: where the object appeared (created), where compare
 * saw it change (altered, with the properties) and where it disappeared (dropped). Paths are
 * compare's, so a Difference's path can be given as is.
 */
export function historiesOf(chain: Chain, snapshots: readonly Snapshot[], paths: readonly string[]): ObjectHistory[] {
  const objects = snapshots.map(objectsOf);
  const histories = paths.map((path) => ({ path, events: [] as BlameEvent[] }));
  for (let k = 1; k < snapshots.length; k++) {
    const step = chain.steps[k - 1]!;
    const changed = new Map<string, string[]>();
    for (const d of compare(snapshots[k - 1]!, snapshots[k]!, SEE_ALL).differences) {
      if (d.kind === 'changed') changed.set(d.path, [...(changed.get(d.path) ?? []), d.property ?? '']);
    }
    for (const history of histories) {
      const before = objects[k - 1]!.get(history.path);
      const after = objects[k]!.get(history.path);
      const at = (event: BlameEvent['event'], object: ObjectEntry, properties?: string[]) =>
        history.events.push({ event, file: step.file, path: step.path, line: statementLine(step, object, event), ...(properties ? { properties } : {}) });
      if (!before && after) at('created', after);
      else if (before && !after) at('dropped', before);
      else if (before && after && changed.has(history.path)) at('altered', after, changed.get(history.path));
    }
  }
  return histories.map((h) => {
    const last = h.events[h.events.length - 1];
    return last ? { ...h, introducedBy: { file: last.file, path: last.path, line: last.line } } : h;
  });
}

/** Builds the prefixes of `chain` and gives each path's history. */
export async function blame(chain: Chain, paths: readonly string[], snapshotOf: SnapshotOf, options: { concurrency?: number } = {}): Promise<ObjectHistory[]> {
  return historiesOf(chain, await prefixSnapshots(chain, snapshotOf, options), paths);
}

/** `created at 001_x.sql:3`, one line per event; an object the chain never had says so. */
export function describeHistory(history: ObjectHistory, spec: string): string[] {
  if (history.events.length === 0) return [`${history.path}: not created anywhere in ${spec} (check the path: parity diff or parity snapshot shows the objects' paths)`];
  return [
    `${history.path}:`,
    ...history.events.map((e) => `  ${e.event} at ${e.file}:${e.line}${e.properties ? ` (${e.properties.join(', ')})` : ''}`),
  ];
}
