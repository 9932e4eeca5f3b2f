import { maskSecretsIn } from '../util/redact.js';
import { ParityError, type ErrorFields } from '../errors.js';

/** A server could not be started or reached. The message says what happened and what to do. */
export class ServerStartError extends ParityError {
  constructor(message: string, options?: ErrorOptions & ErrorFields) {
    super('server', maskSecretsIn(message), options);
    this.name = 'ServerStartError';
  }
}
