import { ParityError, type ErrorFields } from '../errors.js';

/**
 * A dump schema-parity will not write or restore; the message names the entry and line. Its own
 * module: what only needs the error does not load the dump parser.
 */
export class DumpError extends ParityError {
  override name = 'DumpError';
  /** `no-pg-dump`: no pg_dump fits here (another may: the container's). */
  constructor(message: string, options: ErrorOptions & ErrorFields & { code?: 'dump' | 'no-pg-dump' } = {}) {
    super(options.code ?? 'dump', message, options);
  }
}
