import { dirname, relative, resolve } from 'node:path';
import { resolveSetup, type HostSetup } from '../setup/setup.js';
import { SnapshotCache } from '../cache/snapshot-cache.js';
import { withIgnoredSchemas } from '../config/ignore.js';
import { findConfigFile, loadConfig, type LoadedConfig } from '../config/load.js';
import { configuredMajor } from '../server/index.js';
import { acceptCommand } from './accept.js';
import { adoptCommand } from './adopt.js';
import { blameCommand } from './blame.js';
import { reportCommand } from './report.js';
import { cacheCommand } from './cache.js';
import { checkCommand } from './check.js';
import { diffCommand } from './diff.js';
import { dumpCommand } from './dump.js';
import { nightlyCommand } from './nightly.js';
import { COMMAND_OPTIONS, parseCommandArgs, type CommandName } from './options.js';
import { lintCommand } from './lint.js';
import { initCommand } from './init.js';
import { progress } from './progress.js';
import { dumpMajor, Session } from './session.js';
import { HELP, USAGE } from './help.js';
import { refreshCommand } from './refresh.js';
import { serverCommand } from './server.js';
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
  if (!(command in HELP) || !(command in COMMAND_OPTIONS)) {
    process.stderr.write(`parity: unknown command "${command}"\n\n${USAGE}\n`);
    return EXIT.error;
  }
  let args: ReturnType<typeof parseCommandArgs>;
  try {
    args = parseCommandArgs(command as CommandName, rest);
  } catch (error) {
    process.stderr.write(`parity ${command}: ${(error as Error).message}\n\n${HELP[command]}\n`);
    return EXIT.error;
  }
  if (args.values.help) {
    process.stdout.write(`${HELP[command]}\n`);
    return EXIT.ok;
  }
  if (command === 'init') {
    // init needs no config (a broken one must not stop it) and no server: the project is where a config is, or here
    const existing = findConfigFile(process.cwd());
    try {
      return await initCommand(existing ? dirname(existing) : process.cwd(), { dryRun: Boolean(args.values['dry-run']), force: Boolean(args.values.force) });
    } catch (error) {
      process.stderr.write(`parity init: ${maskSecretsIn(error instanceof Error ? error.message : String(error))}\n`);
      return EXIT.error;
    }
  }
  const quiet = args.values.quiet || !process.stderr.isTTY;
  let config: LoadedConfig;
  try {
    config = withIgnoredSchemas(await loadConfig(), args.values['ignore-schema']);
  } catch (error) {
    process.stderr.write(`parity ${command}: ${maskSecretsIn(error instanceof Error ? error.message : String(error))}\n`);
    return EXIT.error;
  }
  // the config's postgres.major, unless PARITY_PG_MAJOR says otherwise (child processes see it too);
  // unless the user set one, builds follow production's major (a dump's header, the nightly's server)
  const mayFollow = !process.env.PARITY_PG_MAJOR;
  if (config.postgres?.major !== undefined && !process.env.PARITY_PG_MAJOR) process.env.PARITY_PG_MAJOR = String(config.postgres.major);
  // snapshots of unchanged inputs come from .parity-cache/ (--no-cache or PARITY_NO_CACHE=1: never)
  const cache = args.values['no-cache'] ? undefined : SnapshotCache.forProject(config.root);
  let setup: HostSetup | undefined;
  try {
    // the config's setup files are from its folder, --setup ones from where parity runs
    setup = resolveSetup([...(config.setup ?? []).map((f) => (f.startsWith('preset:') ? f : resolve(config.root, f))), ...(args.values.setup ?? [])], process.cwd());
  } catch (error) {
    process.stderr.write(`parity ${command}: ${(error as Error).message}\n`);
    return EXIT.error;
  }
  const session = new Session(progress(!quiet), { ignore: config.ignore, cache, major: configuredMajor(), setup }, mayFollow);
  const followed = dumpMajor(['check', 'refresh', 'nightly'].includes(command) ? Object.keys(config.sources) : args.positionals, config);
  if (followed) session.follow(followed.major, `${relative(process.cwd(), followed.file)} was dumped from PostgreSQL ${followed.major}`);
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
        return await snapshotCommand(session, config, args.positionals, args.values.output);
      case 'adopt':
        return await adoptCommand(session, config, args.positionals, { dryRun: Boolean(args.values['dry-run']), baseline: args.values.baseline });
      case 'dump':
        return await dumpCommand(config, progress(!quiet), { url: args.values.url, output: args.values.output, allowMajorMismatch: Boolean(args.values['allow-major-mismatch']) });
      case 'nightly':
        return await nightlyCommand(session, config, progress(!quiet), { out: args.values.out, strict: Boolean(args.values.strict) });
      case 'cache':
        return await cacheCommand(session, cache, args.positionals);
      case 'blame':
        return await blameCommand(session, config, args.positionals);
      case 'lint':
        return await lintCommand(session, config, args.positionals);
      case 'diff':
        return await diffCommand(session, config, args.positionals, { format: args.values.format, strict: Boolean(args.values.strict), summary: args.values.summary, limit: args.values.limit, blame: Boolean(args.values.blame) });
      case 'check':
        return await checkCommand(session, config, { strict: Boolean(args.values.strict), format: args.values.format });
      case 'accept':
        return await acceptCommand(session, config, args.positionals, { reason: args.values.reason, expires: args.values.expires, strict: Boolean(args.values.strict) });
      case 'report':
        return await reportCommand(args.positionals, { github: args.values.github, pr: args.values.pr });
      case 'server':
        return await serverCommand(args.positionals);
      case 'refresh':
        return await refreshCommand(session, config, progress(!quiet), { dump: Boolean(args.values.dump) });
    }
    return EXIT.error;
  }
}
