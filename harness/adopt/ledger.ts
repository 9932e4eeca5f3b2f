import type { DrizzleMigration } from '../sources/drizzle-journal.js';
import { ParityError, type ErrorFields } from '../errors.js';

/** What both drizzle-orm majors run before their ledger table. */
export const CREATE_SCHEMA = 'CREATE SCHEMA IF NOT EXISTS "drizzle"';

/** Adoption cannot go ahead; the message says why and what to do. */
export class AdoptRefusedError extends ParityError {
  override name = 'AdoptRefusedError';
  constructor(message: string, options?: ErrorOptions & ErrorFields) {
    super('adopt-refused', message, options);
  }
}

/** One statement of the plan: values travel as parameters, never inside the SQL text. */
export interface LedgerStatement {
  sql: string;
  params: Array<string | number | null>;
  /** The migration it is about, shown as a comment in --dry-run. */
  note?: string;
}

export interface AdoptPlan {
  /** Baseline migrations already recorded (matching the baseline). */
  recorded: DrizzleMigration[];
  /** Baseline migrations to record. */
  toRecord: DrizzleMigration[];
  /** Set when a drizzle-orm 0.x-layout ledger is upgraded to 1.x's (1.x baselines only): how many rows get a name. */
  upgrade?: { rows: number };
  /** What adoption runs, in one transaction; empty when there is nothing to do. */
  statements: LedgerStatement[];
}

/** A statement as --dry-run prints it: on one line, parameters shown as literals (display only, never run). */
export function showStatement(statement: LedgerStatement): string {
  const literal = (value: string | number | null) => (value === null ? 'NULL' : typeof value === 'number' ? String(value) : `'${value.replaceAll("'", "''")}'`);
  const text = statement.sql.replace(/\$(\d+)/g, (_, i: string) => literal(statement.params[Number(i) - 1] ?? null)).replace(/\n\s*/g, ' ');
  return statement.note ? `${text} -- ${statement.note}` : text;
}
