import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { writeFileAtomic } from '../util/write-atomic.js';
import { duplicateIdentity } from './kinds.js';
import { Snapshot, SNAPSHOT_FORMAT_VERSION } from './model.js';
import { ParityError, type ErrorFields } from '../errors.js';

/** A snapshot file that cannot be used; the message names the file, the place and what to do. */
export class SnapshotFileError extends ParityError {
  override name = 'SnapshotFileError';
  constructor(message: string, options?: ErrorOptions & ErrorFields) {
    super('snapshot-file', message, options);
  }
}

/** A snapshot an older schema-parity wrote (an older format version): `parity refresh` rewrites it. */
export class OutdatedSnapshotError extends SnapshotFileError {
  override name = 'OutdatedSnapshotError';
  constructor(
    message: string,
    readonly formatVersion: number,
  ) {
    super(message);
  }
}

/**
 * Canonical JSON: object keys sorted, two-space indent, one value per line, final newline. The
 * same snapshot always serializes to the same bytes, and a change is a few changed lines in git.
 */
export function serializeSnapshot(snapshot: Snapshot): string {
  // keys sorted first, then the engine's own JSON.stringify: a replacer function would be called
  // for each of the ~500,000 values of a 2,000-table snapshot and take twice as long
  const sorted = readInKeyOrder.has(snapshot) ? withSortedOwnKeys(snapshot) : withSortedKeys(snapshot);
  return `${JSON.stringify(sorted, null, 2)}\n`;
}

/**
 * Snapshots as the catalog reader built them: every object under the top level has its keys in
 * order already (it builds the relations and their parts so, and sorts the rest as it reads them;
 * tests/compare/mutations.test.ts serializes one of every kind both ways and expects the same
 * bytes), so only the top level is sorted — not the walk over every value of the relations that
 * would find nothing to sort (~18 ms at 2,000 tables). A snapshot from anywhere else is walked.
 */
const readInKeyOrder = new WeakSet<Snapshot>();

/** Marks `snapshot` as built by the catalog reader (see readInKeyOrder); it must not be changed after. */
export function builtInKeyOrder(snapshot: Snapshot): Snapshot {
  readInKeyOrder.add(snapshot);
  return snapshot;
}

function withSortedOwnKeys(object: object): object {
  return Object.fromEntries(Object.entries(object).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * `value` with the keys of every object in it sorted (by UTF-16 code unit, as `<` and the default
 * sort compare). An object or array whose keys are already in order, and all in it, is returned
 * as it is: no copy for what the catalog queries already wrote in order.
 */
export function withSortedKeys<T>(value: T): T;
export function withSortedKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      // most elements are strings (a definition's lines): no call for them
      if (item === null || typeof item !== 'object') continue;
      const sorted = withSortedKeys(item);
      if (sorted !== item) (copy ??= value.slice())[i] = sorted;
    }
    return copy ?? value;
  }
  const object = value as Record<string, unknown>;
  // the common case first, without a keys array per object: keys already in order and nothing
  // under them to copy (the snapshot's own objects are built so). for…in gives Object.keys' order
  // (a snapshot's objects are plain: nothing inherited is enumerable).
  let previous: string | undefined;
  let canonical = true;
  for (const key in object) {
    const item = object[key];
    if ((previous !== undefined && !(previous < key)) || (item !== null && typeof item === 'object' && withSortedKeys(item) !== item)) {
      canonical = false;
      break;
    }
    previous = key;
  }
  if (canonical) return object;
  const keys = Object.keys(object);
  let inOrder = true;
  for (let i = 1; i < keys.length && inOrder; i++) inOrder = keys[i - 1]! < keys[i]!;
  if (!inOrder) keys.sort();
  let copy: Record<string, unknown> | undefined;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const item = object[key];
    const sorted = item === null || typeof item !== 'object' ? item : withSortedKeys(item);
    if (!copy && (!inOrder || sorted !== item)) {
      // plain loops (no entries arrays, no compare callback): this runs for every object
      copy = {};
      for (let j = 0; j < i; j++) copy[keys[j]!] = object[keys[j]!];
    }
    if (copy) copy[key] = sorted;
  }
  return copy ?? object;
}

/**
 * `actual` is `committed` byte for byte but for the server major it was taken on: a snapshot
 * re-taken on another major (the catalog queries write the same text on every major 14–18).
 */
export function sameButMajor(committed: Snapshot, actual: Snapshot): boolean {
  return committed.postgresMajor !== actual.postgresMajor && serializeSnapshot({ ...committed, postgresMajor: actual.postgresMajor }) === serializeSnapshot(actual);
}

/** Why a file of an older format version is not compared (its shape is not this one's). */
export function writtenByOlder(formatVersion: number): string {
  return `written by an older schema-parity (snapshot format version ${formatVersion}; this one reads version ${SNAPSHOT_FORMAT_VERSION}, which compares more object kinds)`;
}

/** Parses and validates snapshot JSON; `origin` (a file name) goes into every error. */
export function parseSnapshot(text: string, origin = 'snapshot'): Snapshot {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new SnapshotFileError(`${origin}${jsonPosition(text, message)}: not valid JSON (${message}). ${FIX}`);
  }
  const version = (data as { formatVersion?: unknown } | null)?.formatVersion;
  if (typeof version === 'number' && Number.isInteger(version) && version >= 1 && version < SNAPSHOT_FORMAT_VERSION) {
    throw new OutdatedSnapshotError(`${origin}: ${writtenByOlder(version)}: run "parity refresh" to rewrite it, review the result and commit it.`, version);
  }
  if (version !== SNAPSHOT_FORMAT_VERSION) {
    throw new SnapshotFileError(
      `${origin}: snapshot format version ${JSON.stringify(version)}, this schema-parity reads version ${SNAPSHOT_FORMAT_VERSION}. ${FIX}`,
    );
  }
  const result = Snapshot.safeParse(data);
  if (!result.success) {
    const issues = result.error.issues.slice(0, 5).map((issue) => `  at ${pathOf(issue.path)}: ${issue.message}`);
    const more = result.error.issues.length > 5 ? [`  … and ${result.error.issues.length - 5} more`] : [];
    throw new SnapshotFileError(`${origin}: not a valid snapshot:\n${[...issues, ...more].join('\n')}\n${FIX}`);
  }
  const duplicate = duplicateIdentity(result.data);
  if (duplicate) {
    throw new SnapshotFileError(
      `${origin}: lists ${duplicate.key} twice (at ${duplicate.first} and ${duplicate.second}); a catalog cannot hold that, so the file was edited or damaged. ${FIX}`,
    );
  }
  return result.data;
}

const FIX = 'Snapshots are written by "parity refresh", not by hand: restore the file from git (git checkout -- <file>) or run "parity refresh" and review the result.';

function pathOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : `${out}.${String(part)}`), '$');
}

/** ` line:col` for JSON.parse's "at position N" (Node 20) or "(line L column C)" (Node 22+). */
function jsonPosition(text: string, message: string): string {
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return `:${lineColumn[1]}:${lineColumn[2]}`;
  const position = /position (\d+)/.exec(message);
  if (!position) return '';
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  return `:${line}:${before.length - before.lastIndexOf('\n')}`;
}

export function readSnapshotFile(file: string): Snapshot {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SnapshotFileError(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { cause: error });
  }
  return parseSnapshot(text, file);
}

/** Writes atomically (temp file + rename): a crash never leaves half a snapshot. */
export function writeSnapshotFile(file: string, snapshot: Snapshot): void {
  writeFileAtomic(file, serializeSnapshot(snapshot));
}

/** The JSON Schema of a snapshot file, for editors and other tools. */
export function snapshotJsonSchema(): unknown {
  return z.toJSONSchema(Snapshot);
}
