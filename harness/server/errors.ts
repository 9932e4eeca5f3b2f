import { maskSecretsIn } from '../util/redact.js';

/** A server could not be started or reached. The message says what happened and what to do. */
export class ServerStartError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(maskSecretsIn(message), options);
    this.name = 'ServerStartError';
  }
}
