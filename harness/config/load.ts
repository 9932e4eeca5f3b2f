import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseSource } from '../sources/parse.js';
import { importCompiledConfig } from './compiled.js';
import { configProblems, locate } from './schema.js';
import { SUPPORTED_MAJORS } from '../server/postgres-versions.js';
import type { ParityConfig } from './types.js';
import { ParityError, type ErrorFields } from '../errors.js';
import { importLimitMs, importLimitText } from '../util/user-module.js';

export const CONFIG_FILES = ['parity.config.ts', 'parity.config.mts', 'parity.config.js', 'parity.config.mjs'];

/** A config that cannot be used; the message names the file and what is wrong. */
export class ConfigError extends ParityError {
  override name = 'ConfigError';
  constructor(message: string, options?: ErrorOptions & ErrorFields) {
    super('config', message, options);
  }
}

export interface LoadedConfig extends ParityConfig {
  /** The project root (where the config is). */
  root: string;
  /** The file it came from, or undefined for the built-in convention. */
  file: string | undefined;
}

/**
 * The project's config: the first of CONFIG_FILES in `cwd` or the nearest folder above it (as
 * git finds its repository), or, without one, the convention in `cwd` — `migrations-legacy/` is
 * the source `legacy` with a committed snapshot.
 */
export async function loadConfig(cwd = process.cwd(), env: NodeJS.ProcessEnv = process.env): Promise<LoadedConfig> {
  const file = findConfigFile(cwd);
  if (!file) {
    const sources: Record<string, string> = existsSync(join(cwd, 'migrations-legacy')) ? { legacy: 'legacy:migrations-legacy' } : {};
    return { root: cwd, file: undefined, sources };
  }
  const root = dirname(file);
  const shown = relative(cwd, file) || file;
  let loaded: unknown;
  let limitMs: number;
  try {
    limitMs = importLimitMs(env);
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  try {
    // TypeScript configs: compiled once and cached, or else through tsx (whose loader costs a thread)
    const module = await asUserCode(() =>
      untilLoaded(
        shown,
        limitMs,
        file.endsWith('ts')
          ? (async () => (await importCompiledConfig(file, root)) ?? (await import('tsx/esm/api')).tsImport(pathToFileURL(file).href, import.meta.url))()
          : import(pathToFileURL(file).href),
      ),
    );
    loaded = module.default?.default ?? module.default;
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(`${shown}: cannot load it: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return { ...validate(loaded, file, shown, root), root, file };
}

/**
 * Runs the import of the user's config so that it cannot write into a report nor decide the exit
 * code: what it prints (`import 'dotenv/config'`'s banner) goes to stderr, and a process.exit()
 * while it loads is an error of the config. (A schema module, which is imported while the run is
 * under way, gets a process of its own: sources/schema-file.ts.)
 */
async function asUserCode<T>(load: () => Promise<T>): Promise<T> {
  const { write } = process.stdout;
  const { exit } = process;
  process.stdout.write = process.stderr.write.bind(process.stderr) as typeof write;
  process.exit = ((code?: number | string | null) => {
    throw new Error(`it called process.exit(${code ?? ''}) while loading: a config must only export its settings`);
  }) as typeof exit;
  try {
    return await load();
  } finally {
    process.stdout.write = write;
    process.exit = exit;
  }
}

/**
 * The config's import, or a ConfigError once it is clear it will not finish: its top-level code
 * awaits what never comes (a promise nobody resolves, a connection). At once where nothing else
 * is left to run (the event loop drained: Node would exit with code 13), else after `limitMs`
 * (PARITY_IMPORT_TIMEOUT, generous) — its own timers may keep the process busy forever.
 */
async function untilLoaded<T>(shown: string, limitMs: number, loading: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let drained: (() => void) | undefined;
  const stuck = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ConfigError(`${shown}: it never finished loading (${importLimitText(limitMs)})`)), limitMs);
    // not what keeps the process alive: a config with nothing left to run is told at once, below
    timer.unref();
    drained = () => reject(new ConfigError(`${shown}: it never finished loading: its top-level code awaits something that never happens`));
    process.once('beforeExit', drained);
  });
  try {
    return await Promise.race([loading, stuck]);
  } finally {
    clearTimeout(timer);
    process.off('beforeExit', drained!);
  }
}

/** The config file in `dir` or the nearest folder above it. */
export function findConfigFile(dir: string): string | undefined {
  for (let at = dir; ; at = dirname(at)) {
    const file = CONFIG_FILES.map((name) => join(at, name)).find((path) => existsSync(path));
    if (file) return file;
    if (dirname(at) === at) return undefined;
  }
}

function validate(value: unknown, file: string, shown: string, root: string): ParityConfig {
  const fail = (what: string): never => {
    throw new ConfigError(`${shown}: ${what}`);
  };
  if (typeof value !== 'object' || value === null) fail('expected `export default { sources: { … } }`');
  const problems = configProblems(value);
  if (problems.length > 0) {
    const text = readFileSync(file, 'utf8');
    // in the order of the file, as an editor would walk them
    const located = problems.map((p) => ({ ...p, at: locate(text, p.needle) }));
    const order = (p: (typeof located)[number]) => (p.at ? p.at.line * 1e6 + p.at.column : Number.MAX_SAFE_INTEGER);
    const lines = located
      .sort((x, y) => order(x) - order(y))
      .map((p) => `${shown}${p.at ? `:${p.at.line}:${p.at.column}` : ''}: ${p.path ? `${p.path}: ` : ''}${p.message}`);
    throw new ConfigError(`${lines.join('\n')}\n(fix ${lines.length === 1 ? 'it' : 'them'} in ${shown}; the README's "parity.config.ts" section lists every key)`);
  }
  const config = value as ParityConfig;
  for (const [name, spec] of Object.entries(config.sources)) {
    if (!/^[A-Za-z][\w-]*$/.test(name)) fail(`source name "${name}": use letters, digits, - and _`);
    try {
      parseSource(spec, root);
    } catch (error) {
      fail(`sources.${name}: ${(error as Error).message}`);
    }
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
