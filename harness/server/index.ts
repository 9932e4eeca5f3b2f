import { ServerStartError } from './errors.js';
import { DEFAULT_MAJOR, type PostgresServer, type ProviderName, type ServerOptions } from './types.js';

export { ServerStartError } from './errors.js';
export type { PostgresServer, ProviderName, ServerOptions } from './types.js';

const PROVIDERS: ProviderName[] = ['embedded', 'url', 'container'];

/**
 * Which provider, in this order: `options.provider`, then `PARITY_SERVER`, then `url`
 * when `PARITY_DATABASE_URL` is set, else `embedded`.
 */
export function chooseProvider(options: ServerOptions = {}, env = process.env): ProviderName {
  const named = options.provider ?? env.PARITY_SERVER;
  if (named) {
    if (!PROVIDERS.includes(named as ProviderName)) {
      throw new ServerStartError(`PARITY_SERVER=${named} is not a provider: use one of ${PROVIDERS.join(', ')}.`);
    }
    return named as ProviderName;
  }
  return options.url || env.PARITY_DATABASE_URL ? 'url' : 'embedded';
}

export function configuredMajor(options: ServerOptions = {}, env = process.env): number {
  if (options.major) return options.major;
  if (!env.PARITY_PG_MAJOR) return DEFAULT_MAJOR;
  const major = Number(env.PARITY_PG_MAJOR);
  if (!Number.isInteger(major) || major < 14) {
    throw new ServerStartError(`PARITY_PG_MAJOR=${env.PARITY_PG_MAJOR} is not a supported PostgreSQL major (14 or later; 13 is past its end of life).`);
  }
  return major;
}

/** Starts (or connects to) the one server a run uses; heavy provider modules load only when chosen. */
export async function startServer(options: ServerOptions = {}): Promise<PostgresServer> {
  const env = options.env ?? process.env;
  const provider = chooseProvider(options, env);
  const resolved = { ...options, env, major: configuredMajor(options, env) };
  switch (provider) {
    case 'embedded':
      return (await import('./embedded.js')).startEmbedded(resolved);
    case 'url':
      return (await import('./url.js')).useUrlServer(resolved);
    case 'container':
      return (await import('./container.js')).startContainer(resolved);
  }
}
