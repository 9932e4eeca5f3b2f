import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Every command takes these. */
const COMMON = { help: { type: 'boolean', short: 'h' }, quiet: { type: 'boolean', short: 'q' } } as const satisfies Options;
/** Commands that build or snapshot sources. */
const SNAPSHOTTING = { 'no-cache': { type: 'boolean' }, 'ignore-schema': { type: 'string', multiple: true }, setup: { type: 'string', multiple: true } } as const satisfies Options;

/**
 * Each command's own options, and only those: an option of another command (`parity lint
 * --dump`) is an error, not silently nothing.
 */
export const COMMAND_OPTIONS = {
  check: { ...COMMON, ...SNAPSHOTTING, strict: { type: 'boolean' }, format: { type: 'string' }, 'strict-coverage': { type: 'boolean' }, blame: { type: 'boolean' } },
  accept: { ...COMMON, ...SNAPSHOTTING, strict: { type: 'boolean' }, reason: { type: 'string' }, expires: { type: 'string' } },
  report: { ...COMMON, github: { type: 'boolean' }, pr: { type: 'string' } },
  init: { ...COMMON, 'dry-run': { type: 'boolean' }, yes: { type: 'boolean', short: 'y' }, force: { type: 'boolean' } },
  refresh: { ...COMMON, ...SNAPSHOTTING, dump: { type: 'boolean' } },
  diff: { ...COMMON, ...SNAPSHOTTING, format: { type: 'string' }, strict: { type: 'boolean' }, summary: { type: 'boolean' }, limit: { type: 'string' }, 'strict-coverage': { type: 'boolean' }, blame: { type: 'boolean' } },
  blame: { ...COMMON, ...SNAPSHOTTING },
  snapshot: { ...COMMON, ...SNAPSHOTTING, output: { type: 'string', short: 'o' }, 'strict-coverage': { type: 'boolean' } },
  adopt: { ...COMMON, ...SNAPSHOTTING, 'dry-run': { type: 'boolean' }, baseline: { type: 'string' } },
  dump: { ...COMMON, url: { type: 'string' }, output: { type: 'string', short: 'o' }, 'allow-major-mismatch': { type: 'boolean' } },
  nightly: { ...COMMON, ...SNAPSHOTTING, out: { type: 'string' }, strict: { type: 'boolean' } },
  cache: { ...COMMON },
  server: { ...COMMON },
  lint: { ...COMMON, ...SNAPSHOTTING },
} as const satisfies Record<string, Options>;

export type CommandName = keyof typeof COMMAND_OPTIONS;

/** All option values any command can have (each command fills only its own). */
export interface OptionValues {
  help?: boolean;
  quiet?: boolean;
  'no-cache'?: boolean;
  'ignore-schema'?: string[];
  'strict-coverage'?: boolean;
  setup?: string[];
  strict?: boolean;
  dump?: boolean;
  format?: string;
  summary?: boolean;
  limit?: string;
  output?: string;
  'dry-run'?: boolean;
  baseline?: string;
  url?: string;
  'allow-major-mismatch'?: boolean;
  out?: string;
  reason?: string;
  expires?: string;
  github?: boolean;
  pr?: string;
  yes?: boolean;
  force?: boolean;
  blame?: boolean;
}

/** The commands that work on the config's sources alone: an argument would be ignored. */
const NO_ARGUMENTS: ReadonlySet<CommandName> = new Set(['check', 'refresh', 'nightly', 'init', 'dump']);

export function parseCommandArgs(command: CommandName, args: string[]): { values: OptionValues; positionals: string[] } {
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; strict: true; tokens: true; options: Options }>>;
  try {
    parsed = parseArgs({ args, allowPositionals: true, strict: true, tokens: true, options: COMMAND_OPTIONS[command] as Options });
  } catch (error) {
    // node says "Unknown option '--dump'"; say also what this command takes
    const own = Object.keys(COMMAND_OPTIONS[command]).map((name) => `--${name}`);
    const message = (error as Error).message.replace(/\. To specify a positional argument starting with a '-'.*$/s, '');
    const unknown = (error as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION';
    throw new UsageError(unknown ? `${message}: parity ${command} takes ${own.join(', ')}` : message, { cause: error });
  }
  const { values, positionals, tokens } = parsed;
  if (NO_ARGUMENTS.has(command) && positionals.length > 0) {
    throw new UsageError(`takes no arguments (got ${positionals.join(', ')}): it works on the sources of parity.config.ts`);
  }
  // an option of one value given twice, or given nothing: the run would use one silently
  const options = COMMAND_OPTIONS[command] as Options;
  for (const [name, option] of Object.entries(options)) {
    if (option.type !== 'string' || option.multiple) continue;
    const given = tokens.filter((t) => t.kind === 'option' && t.name === name).map((t) => (t.kind === 'option' ? (t.value ?? '') : ''));
    if (given.length > 1) throw new UsageError(`--${name} given twice (${given.join(', ')}): give it once`);
    if (given[0] === '') throw new UsageError(`--${name} needs a value`);
  }
  return { values: values as OptionValues, positionals };
}
