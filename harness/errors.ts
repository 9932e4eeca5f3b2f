/**
 * The harness's errors: each has a `code` (what kind of failure, for the CLI's exit code and for
 * callers that must tell failures apart without reading messages) and, where known, where it
 * happened. Messages already name the file:line:column and what to do; the fields are for code.
 */
export type ErrorCode =
  | 'usage'
  | 'config'
  | 'source-spec'
  | 'source-build'
  | 'migration-folder'
  | 'setup'
  | 'dump'
  | 'no-pg-dump'
  | 'server'
  | 'snapshot-file'
  | 'accepted-file'
  | 'adopt-refused'
  | 'github';

export interface ErrorFields {
  /** The source that failed (its label, e.g. `legacy` or a spec). */
  source?: string;
  file?: string;
  line?: number;
  column?: number;
  /** The server's SQLSTATE, when the server refused something. */
  sqlstate?: string;
}

export class ParityError extends Error implements ErrorFields {
  override name = 'ParityError';
  readonly code: ErrorCode;
  source?: string;
  file?: string;
  line?: number;
  column?: number;
  sqlstate?: string;

  constructor(code: ErrorCode, message: string, options: ErrorOptions & ErrorFields = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    // the fields of what it wraps, unless this layer knows better
    const inner = options.cause instanceof ParityError ? options.cause : undefined;
    for (const key of ['source', 'file', 'line', 'column', 'sqlstate'] as const) {
      const value = options[key] ?? inner?.[key];
      if (value !== undefined) (this as ErrorFields)[key] = value as never;
    }
  }
}

/** Bad command line: unknown option, wrong number of arguments, a value out of range. */
export class UsageError extends ParityError {
  override name = 'UsageError';
  constructor(message: string, options?: ErrorOptions & ErrorFields) {
    super('usage', message, options);
  }
}

/** The exit code of every command: 0 equal / done, 1 drift, 2 an error (any of them). */
export const EXIT = { ok: 0, drift: 1, error: 2 } as const;

/**
 * The one place errors become exit codes. Every error is 2 today (a drift is a result, not an
 * error); the code is here so that a new kind of failure gets its exit code in one line.
 */
export function exitCodeOf(error: unknown): number {
  if (error instanceof ParityError) {
    switch (error.code) {
      default:
        return EXIT.error;
    }
  }
  return EXIT.error;
}
