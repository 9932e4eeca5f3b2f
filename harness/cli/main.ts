import { parseArgs } from 'node:util';
import { SnapshotCache } from '../cache/snapshot-cache.js';
import { loadConfig, type LoadedConfig } from '../config/load.js';
import { configuredMajor } from '../server/index.js';
import { adoptCommand } from './adopt.js';
import { cacheCommand } from './cache.js';
import { checkCommand } from './check.js';
import { diffCommand } from './diff.js';
import { dumpCommand } from './dump.js';
import { nightlyCommand } from './nightly.js';
import { lintCommand } from './lint.js';
import { progress } from './progress.js';
import { Session } from './session.js';
import { HELP, USAGE } from './help.js';
import { refreshCommand } from './refresh.js';
import { snapshotCommand } from './snapshot.js';
import { maskSecretsIn } from '../util/redact.js';

/** Exit codes of every command: 0 equal / done, 1 drift, 2 error (bad input, a failed build, no server). */
export const EXIT = { ok: 0, drift: 1, error: 2 } as const;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return command ? EXIT.ok : EXIT.error;
  }
  if (!(command in HELP)) {
    process.stderr.write(`parity: unknown command "${command}"\n\n${USAGE}\n`);
    return EXIT.error;
  }
  let args: ReturnType<typeof parse>;
  try {
    args = parse(rest);
  } catch (error) {
    process.stderr.write(`parity ${command}: ${(error as Error).message}\n\n${HELP[command]}\n`);
    return EXIT.error;
  }
  if (args.values.help) {
    process.stdout.write(`${HELP[command]}\n`);
    return EXIT.ok;
  }
  const quiet = args.values.quiet || !process.stderr.isTTY;
  let config: LoadedConfig;
  try {
    config = await loadConfig();
  } catch (error) {
    process.stderr.write(`parity ${command}: ${maskSecretsIn(error instanceof Error ? error.message : String(error))}\n`);
    return EXIT.error;
  }
  // snapshots of unchanged inputs come from .parity-cache/ (--no-cache or PARITY_NO_CACHE=1: never)
  const cache = args.values['no-cache'] ? undefined : SnapshotCache.forProject(config.root);
  const session = new Session(progress(!quiet), { ignore: config.ignore, cache, major: configuredMajor() });
  // Ctrl-C / SIGTERM: stop the server (nothing of ours may outlive the run) and exit 128 + signal,
  // whatever the interrupted command was doing — its failure is the interruption, not an error.
  let interrupted: number | undefined;
  const stopOnSignal = (signal: NodeJS.Signals) => {
    interrupted = signal === 'SIGINT' ? 130 : 143;
    process.stderr.write(`parity ${command}: ${signal}, stopping\n`);
    void session.close().finally(() => process.exit(interrupted));
  };
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  const code = await run().finally(() => session.close());
  return interrupted ?? code;

  async function run(): Promise<number> {
    try {
      return await runCommand();
    } catch (error) {
      if (interrupted !== undefined) return interrupted;
      process.stderr.write(`parity ${command}: ${maskSecretsIn(error instanceof Error ? error.message : String(error))}\n`);
      return EXIT.error;
    }
  }

  async function runCommand(): Promise<number> {
    switch (command) {
      case 'snapshot':
        return await snapshotCommand(session, config, args.positionals, args.values.output, { strictCoverage: strictCoverage() });
      case 'adopt':
        return await adoptCommand(session, config, args.positionals, { dryRun: Boolean(args.values['dry-run']), baseline: args.values.baseline });
      case 'dump':
        return await dumpCommand(config, progress(!quiet), { url: args.values.url, output: args.values.output, allowMajorMismatch: Boolean(args.values['allow-major-mismatch']) });
      case 'nightly':
        return await nightlyCommand(session, config, progress(!quiet), { out: args.values.out, strict: Boolean(args.values.strict) });
      case 'cache':
        return await cacheCommand(session, cache, args.positionals);
      case 'lint':
        return await lintCommand(session, config, args.positionals);
      case 'diff':
        return await diffCommand(session, config, args.positionals, { format: args.values.format, strict: Boolean(args.values.strict), strictCoverage: strictCoverage() });
      case 'check':
        return await checkCommand(session, config, { strict: Boolean(args.values.strict), strictCoverage: strictCoverage() });
      case 'refresh':
        return await refreshCommand(session, config, progress(!quiet), { dump: Boolean(args.values.dump) });
    }
    return EXIT.error;
  }

  function strictCoverage(): boolean {
    return Boolean(args.values['strict-coverage'] ?? config.strictCoverage);
  }
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      quiet: { type: 'boolean', short: 'q' },
      output: { type: 'string', short: 'o' },
      format: { type: 'string' },
      strict: { type: 'boolean' },
      'strict-coverage': { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      'no-cache': { type: 'boolean' },
      baseline: { type: 'string' },
      url: { type: 'string' },
      out: { type: 'string' },
      'allow-major-mismatch': { type: 'boolean' },
      dump: { type: 'boolean' },
    },
  });
}
