import { existsSync, readFileSync } from 'node:fs';
import * as z from 'zod';
import { writeFileAtomic } from '../util/write-atomic.js';
import { ParityError, type ErrorFields } from '../errors.js';

/**
 * The committed list of accepted differences (`parity.accepted.json`): each one a difference of
 * one compared pair, with both values as they were accepted, a reason and an optional expiry.
 * `parity accept` writes it; a person fills in the reasons and reviews it like code.
 */
export const ACCEPTED_FORMAT_VERSION = 1;
export const DEFAULT_ACCEPTED_FILE = 'parity.accepted.json';
export const REASON_TO_FILL_IN = 'TODO: why is this difference accepted?';

export const AcceptedDifference = z
  .object({
    /** The pair, as compared: `a` is the reference (a name or a spec), `b` the other side. */
    pair: z.tuple([z.string().min(1), z.string().min(1)]),
    kind: z.enum(['missing', 'extra', 'changed']),
    object: z.string().min(1),
    path: z.string().min(1),
    property: z.string().optional(),
    /** Both values as they were when accepted: a change of either is a new difference. */
    a: z.unknown(),
    b: z.unknown(),
    reason: z.string(),
    /** YYYY-MM-DD: from that day on the difference fails again. */
    expires: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')
      .nullable()
      .optional(),
  })
  .strict();
export type AcceptedDifference = z.infer<typeof AcceptedDifference>;

export const AcceptedFile = z.object({ formatVersion: z.literal(ACCEPTED_FORMAT_VERSION), accepted: z.array(AcceptedDifference) }).strict();
export type AcceptedFile = z.infer<typeof AcceptedFile>;

/** An accepted-drift file that cannot be used; the message names the file, the entry and what to do. */
export class AcceptedFileError extends ParityError {
  override name = 'AcceptedFileError';
  constructor(message: string, options?: ErrorOptions & ErrorFields) {
    super('accepted-file', message, options);
  }
}

/** The accepted differences in `file` (none when there is no file). */
export function readAcceptedFile(file: string, shown = file): AcceptedDifference[] {
  if (!existsSync(file)) return [];
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new AcceptedFileError(`${shown}: not valid JSON (${(error as Error).message}). Fix it, or delete it and run "parity accept" again.`);
  }
  const parsed = AcceptedFile.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') : '(the file)';
    throw new AcceptedFileError(`${shown}: ${where}: ${issue.message}. Fix it, or delete it and run "parity accept" again.`);
  }
  return parsed.data.accepted;
}

/** Writes the file atomically (a temp file renamed over it), in a stable order. */
export function writeAcceptedFile(file: string, accepted: readonly AcceptedDifference[]): void {
  const sorted = [...accepted].sort((x, y) => keyOf(x).localeCompare(keyOf(y), 'en'));
  const text = `${JSON.stringify({ formatVersion: ACCEPTED_FORMAT_VERSION, accepted: sorted }, null, 2)}\n`;
  writeFileAtomic(file, text);
}

/** What identifies an accepted difference: its pair, kind, object, path and property. */
export function keyOf(d: Pick<AcceptedDifference, 'pair' | 'kind' | 'object' | 'path' | 'property'>): string {
  return JSON.stringify([d.pair, d.kind, d.object, d.path, d.property ?? null]);
}
