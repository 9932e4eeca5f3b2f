import { dirname, relative, resolve } from 'node:path';
import type { HostSetup } from '../setup/setup.js';
import type { LoadedConfig } from '../config/load.js';
import { exitCodeOf, EXIT, ParityError } from '../errors.js';
import { withProcessDefaults, type Io } from './io.js';
import { COMMAND_OPTIONS, parseCommandArgs, type CommandName } from './options.js';
import { HELP, USAGE } from './help.js';
import { maskSecretsIn, registerSecretsOf } from '../util/redact.js';

export { EXIT } from '../errors.js';
// for bin/parity.js: its one-line errors (an uncaught exception) are masked as main's are
export { maskSecretsIn };

/**
 * The `parity` command as a function: runs `argv` with `io`'s streams, environment and folder
 * (the process's own where not given) and returns the exit code — 0 equal / done, 1 drift, 2 an
 * error. bin/parity.js is the thin wrapper that passes the process's and exits with it.
 * Only what a command needs is loaded, and only once it runs: `parity --help` loads no command.
 */
export async function main(argv: string[], given: Partial<Io> = {}): Promise<number> {
  const io = withProcessDefaults(given);
  // Every connection string parity is given — an argument (url: sources, --url, even one where a
  // command was expected), PARITY_DATABASE_URL, PROD_DATABASE_URL — is parsed once, here, and its
  // password is masked by value in everything the process prints or writes from then on, whatever
  // characters it holds (the config's sources are registered as they are parsed, connections as
  // they are made). bin/parity.js masks what escapes main with the same secrets.
  for (const text of [...argv, io.env.PARITY_DATABASE_URL, io.env.PROD_DATABASE_URL]) registerSecretsOf(text);
  return runParity(argv, io);
}

async function runParity(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.stdout.write(`${USAGE}\n`);
    return command ? EXIT.ok : EXIT.error;
  }
  // every failure from here on: its message (passwords masked) and its exit code, in one place
  if (!(command in HELP) || !(command in COMMAND_OPTIONS)) {
    io.stderr.write(`parity: unknown command "${maskSecretsIn(command)}"\n\n${USAGE}\n`);
    return EXIT.error;
  }
  let args: ReturnType<typeof parseCommandArgs>;
  try {
    args = parseCommandArgs(command as CommandName, rest);
  } catch (error) {
    io.stderr.write(`parity ${command}: ${maskSecretsIn((error as Error).message)}\n\n${HELP[command]}\n`);
    return exitCodeOf(error);
  }
  if (args.values.help) {
    io.stdout.write(`${HELP[command]}\n`);
    return EXIT.ok;
  }
  const fail = (error: unknown): number => {
    io.stderr.write(`parity ${command}: ${maskSecretsIn(error instanceof Error ? error.message : String(error))}\n`);
    return exitCodeOf(error);
  };
  if (command === 'init') {
    // init needs no config (a broken one must not stop it) and no server: the project is where a config is, or here
    const [{ findConfigFile }, { initCommand }] = await Promise.all([import('../config/load.js'), import('./init.js')]);
    const existing = findConfigFile(io.cwd);
    try {
      return await initCommand(existing ? dirname(existing) : io.cwd, { dryRun: Boolean(args.values['dry-run']), force: Boolean(args.values.force) }, io);
    } catch (error) {
      return fail(error);
    }
  }
  // report needs neither a config nor a server
  if (command === 'report') {
    try {
      return await (await import('./report.js')).reportCommand(args.positionals, { github: args.values.github, pr: args.values.pr }, io);
    } catch (error) {
      return fail(error);
    }
  }
  // A url: source's catalog is begun first: the server reads it while the modules and the config
  // load (see EarlyRead). Whatever fails before the session exists ends it.
  const early = ['snapshot', 'diff'].includes(command) ? (await import('../source-snapshot/early-read.js')).earlyReadsOf(args.positionals) : [];
  const failBeforeSession = async (error: unknown): Promise<number> => {
    await Promise.all(early.map((read) => read.discard()));
    return fail(error);
  };
  // Loading the command's modules holds the event loop for tens of ms at a time, and with it each
  // round trip of a read's start: the read starts first. A remote server's round trips are not
  // worth the wait: 50 ms at most.
  if (early.length > 0) await Promise.race([Promise.all(early.map((read) => read.started)), new Promise((resolve) => setTimeout(resolve, 50).unref())]);
  const [{ resolveSetup }, { SnapshotCache }, { withIgnoredSchemas }, { loadConfig }, { configuredMajor }, { progress }, { dumpMajor, Session }, { wantsPrivileges }] = await Promise.all([
    import('../setup/setup.js'),
    import('../cache/snapshot-cache.js'),
    import('../config/ignore.js'),
    import('../config/load.js'),
    import('../server/index.js'),
    import('./progress.js'),
    import('./session.js'),
    import('../compare/types.js'),
  ]);
  const quiet = args.values.quiet || !io.stderr.isTTY;
  let config: LoadedConfig;
  try {
    config = withIgnoredSchemas(await loadConfig(io.cwd, io.env), args.values['ignore-schema']);
  } catch (error) {
    return failBeforeSession(error);
  }
  // the config's postgres.major, unless PARITY_PG_MAJOR says otherwise (child processes see it too);
  // unless the user set one, builds follow production's major (a dump's header, the nightly's server)
  const mayFollow = !io.env.PARITY_PG_MAJOR;
  if (config.postgres?.major !== undefined && !io.env.PARITY_PG_MAJOR) io.env.PARITY_PG_MAJOR = String(config.postgres.major);
  // snapshots of unchanged inputs come from .parity-cache/ (--no-cache or PARITY_NO_CACHE=1: never)
  const cache = args.values['no-cache'] ? undefined : SnapshotCache.forProject(config.root, io.env);
  let setup: HostSetup | undefined;
  let major: number;
  try {
    major = configuredMajor({}, io.env);
    // the config's setup files are from its folder, --setup ones from where parity runs
    setup = resolveSetup([...(config.setup ?? []).map((f) => (f.startsWith('preset:') ? f : resolve(config.root, f))), ...(args.values.setup ?? [])], io.cwd);
  } catch (error) {
    return failBeforeSession(error);
  }
  const session = new Session(progress(!quiet, io.stderr), { ignore: config.ignore, cache, major, setup, early, ...(wantsPrivileges(config.rules) ? { privileges: true } : {}) }, mayFollow, io);
  const followed = dumpMajor(['check', 'refresh', 'nightly'].includes(command) ? Object.keys(config.sources) : args.positionals, config);
  if (followed) session.follow(followed.major, `${relative(io.cwd, followed.file)} was dumped from PostgreSQL ${followed.major}`);
  // Ctrl-C / SIGTERM: stop the server (nothing of ours may outlive the run) and return 128 + signal
  // once it is stopped, whatever the interrupted command was doing (it may never finish: a module
  // that hangs) — its failure is the interruption, not an error. bin/parity.js exits with it: only
  // it may exit (it refuses process.exit from anything else).
  let interrupted: number | undefined;
  let stopped!: (code: number) => void;
  const stop = new Promise<number>((resolve) => (stopped = resolve));
  const stopOnSignal = (signal: NodeJS.Signals) => {
    interrupted = signal === 'SIGINT' ? 130 : 143;
    io.stderr.write(`parity ${command}: ${signal}, stopping\n`);
    void session.close().finally(() => stopped(interrupted!));
  };
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  try {
    const code = await Promise.race([run().finally(() => session.close()), stop]);
    return interrupted ?? code;
  } finally {
    // in-process callers (tests) run main many times: leave no handler behind
    process.off('SIGINT', stopOnSignal);
    process.off('SIGTERM', stopOnSignal);
  }

  async function run(): Promise<number> {
    try {
      return await runCommand();
    } catch (error) {
      if (interrupted !== undefined) return interrupted;
      return fail(error);
    }
  }

  async function runCommand(): Promise<number> {
    switch (command) {
      case 'snapshot':
        return await (await import('./snapshot.js')).snapshotCommand(session, config, args.positionals, args.values.output, { strictCoverage: strictCoverage() });
      case 'adopt':
        return await (await import('./adopt.js')).adoptCommand(session, config, args.positionals, { dryRun: Boolean(args.values['dry-run']), baseline: args.values.baseline });
      case 'dump':
        return await (await import('./dump.js')).dumpCommand(config, progress(!quiet, io.stderr), { url: args.values.url, output: args.values.output, allowMajorMismatch: Boolean(args.values['allow-major-mismatch']) }, io);
      case 'nightly':
        return await (await import('./nightly.js')).nightlyCommand(session, config, progress(!quiet, io.stderr), { out: args.values.out, strict: Boolean(args.values.strict) });
      case 'cache':
        return await (await import('./cache.js')).cacheCommand(session, cache, args.positionals);
      case 'blame':
        return await (await import('./blame.js')).blameCommand(session, config, args.positionals);
      case 'lint':
        return await (await import('./lint.js')).lintCommand(session, config, args.positionals);
      case 'diff':
        return await (await import('./diff.js')).diffCommand(session, config, args.positionals, { format: args.values.format, strict: Boolean(args.values.strict), summary: args.values.summary, limit: args.values.limit, strictCoverage: strictCoverage(), blame: Boolean(args.values.blame) });
      case 'check':
        return await (await import('./check.js')).checkCommand(session, config, { strict: Boolean(args.values.strict), format: args.values.format, strictCoverage: strictCoverage(), blame: Boolean(args.values.blame) });
      case 'accept':
        return await (await import('./accept.js')).acceptCommand(session, config, args.positionals, { reason: args.values.reason, expires: args.values.expires, strict: Boolean(args.values.strict) });
      case 'server':
        return await (await import('./server.js')).serverCommand(args.positionals, io);
      case 'refresh':
        return await (await import('./refresh.js')).refreshCommand(session, config, progress(!quiet, io.stderr), { dump: Boolean(args.values.dump) });
    }
    throw new ParityError('usage', `no such command: ${command}`);
  }

  function strictCoverage(): boolean {
    return Boolean(args.values['strict-coverage'] ?? config.strictCoverage);
  }
}
