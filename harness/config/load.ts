import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SUPPORTED_MAJORS } from '../server/postgres-versions.js';
import type { ParityConfig } from './types.js';

export const CONFIG_FILES = ['parity.config.ts', 'parity.config.mts', 'parity.config.js', 'parity.config.mjs'];

/** A config that cannot be used; the message names the file and what is wrong. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export interface LoadedConfig extends ParityConfig {
  /** The project root (where the config is). */
  root: string;
  /** The file it came from, or undefined for the built-in convention. */
  file: string | undefined;
}

/**
 * The project's config: the first of CONFIG_FILES in `root`, or, without one, the convention —
 * `migrations-legacy/` is the source `legacy` with a committed snapshot.
 */
export async function loadConfig(root = process.cwd()): Promise<LoadedConfig> {
  const file = CONFIG_FILES.map((name) => join(root, name)).find((path) => existsSync(path));
  if (!file) {
    const sources: Record<string, string> = existsSync(join(root, 'migrations-legacy')) ? { legacy: 'legacy:migrations-legacy' } : {};
    return { root, file: undefined, sources };
  }
  let loaded: unknown;
  try {
    // TypeScript configs go through tsx, loaded only when there is one to read
    const module = file.endsWith('ts') ? await (await import('tsx/esm/api')).tsImport(pathToFileURL(file).href, import.meta.url) : await import(pathToFileURL(file).href);
    loaded = module.default?.default ?? module.default;
  } catch (error) {
    throw new ConfigError(`${relative(root, file)}: cannot load it: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return { ...validate(loaded, relative(root, file) || file), root, file };
}

function validate(value: unknown, file: string): ParityConfig {
  const fail = (what: string): never => {
    throw new ConfigError(`${file}: ${what}`);
  };
  if (typeof value !== 'object' || value === null) fail('expected `export default { sources: { … } }`');
  const config = value as ParityConfig;
  if (typeof config.sources !== 'object' || config.sources === null) fail('`sources` must map names to source specs, e.g. { legacy: "legacy:migrations-legacy" }');
  for (const [name, spec] of Object.entries(config.sources)) {
    if (typeof spec !== 'string') fail(`sources.${name} must be a source spec string`);
    if (!/^[A-Za-z][\w-]*$/.test(name)) fail(`source name "${name}": use letters, digits, - and _`);
  }
  const names = new Set(Object.keys(config.sources));
  const known = (name: string, where: string) => {
    if (!names.has(name)) fail(`${where} names "${name}", which is not in sources (${[...names].join(', ')})`);
  };
  for (const name of config.snapshots ?? []) known(name, 'snapshots');
  for (const [i, group] of (config.equal ?? []).entries()) {
    if (!Array.isArray(group) || group.length < 2) fail(`equal[${i}] must list at least two sources`);
    for (const name of group) known(name, `equal[${i}]`);
  }
  if (config.baseline !== undefined) known(config.baseline, 'baseline');
  const major = config.postgres?.major;
  if (major !== undefined && !SUPPORTED_MAJORS.includes(major)) fail(`postgres.major is ${JSON.stringify(major)}: use one of ${SUPPORTED_MAJORS.join(', ')}`);
  return config;
}
