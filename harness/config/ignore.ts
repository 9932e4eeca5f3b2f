import { DEFAULT_IGNORE } from '../catalog/snapshot.js';
import type { LoadedConfig } from './load.js';

/**
 * The config with `--ignore-schema <name>` (repeatable) added to its `ignore.schemas` — to the
 * config's own list, or to the default one (drizzle's bookkeeping schema stays ignored).
 */
export function withIgnoredSchemas(config: LoadedConfig, schemas: readonly string[] | undefined): LoadedConfig {
  if (!schemas?.length) return config;
  if (schemas.some((name) => name.trim() === '')) throw new Error('--ignore-schema needs a schema name, e.g. --ignore-schema audit');
  return { ...config, ignore: { ...config.ignore, schemas: [...new Set([...(config.ignore?.schemas ?? DEFAULT_IGNORE.schemas), ...schemas])] } };
}
