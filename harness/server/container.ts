import { randomUUID } from 'node:crypto';
import { closeAdminSessions } from './admin-sessions.js';
import { serverMajor, withClient } from './connect.js';
import { ServerStartError } from './errors.js';
import { dockerAnswers, dockerEndpoint, pingLimit, postgresImage } from './docker.js';
import { ownerLabels, removeOrphanContainers, removeStart } from './docker-containers.js';
import { DEFAULT_MAJOR, withDatabase, type PostgresServer, type ServerOptions } from './types.js';

/** `postgres:<major>-alpine` (or PARITY_CONTAINER_IMAGE) in Docker via @testcontainers/postgresql, only when a daemon answers. */
export async function startContainer(options: ServerOptions = {}): Promise<PostgresServer> {
  const major = options.major ?? DEFAULT_MAJOR;
  const endpoint = dockerEndpoint(options.env);
  if (!(await dockerAnswers(endpoint))) {
    throw new ServerStartError(
      `the container provider was asked for (PARITY_SERVER=container) but no Docker daemon answered at ${endpoint.label} within ${pingLimit(endpoint)}. ` +
        `Start Docker (or fix DOCKER_HOST; a slow one may need a longer PARITY_DOCKER_TIMEOUT), or unset PARITY_SERVER to use the embedded server.`,
    );
  }
  // Imported only here: testcontainers is heavy and needs undici >= 7 on Node 20 (package.json overrides it).
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const image = postgresImage(major, options.env);
  const removed = await removeOrphanContainers(endpoint).catch(() => []);
  if (removed.length) options.log?.(`removed ${removed.length} container(s) left by a run that was killed`);
  options.log?.(`starting container ${image}`);
  const start = randomUUID();
  let container;
  try {
    container = await new PostgreSqlContainer(image)
      .withLabels(ownerLabels('server', start))
      .withCommand(['postgres', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_locks_per_transaction=1024'])
      .start();
  } catch (error) {
    await removeStart(endpoint, start).catch(() => {});
    throw new ServerStartError(
      `the container provider could not start ${image} at ${endpoint.label}: ${(error as Error).message}. ` +
        `If no registry is reachable, build or mirror an image and name it in PARITY_CONTAINER_IMAGE.`,
    );
  }
  const started = container;
  const adminUrl = withDatabase(started.getConnectionUri(), 'postgres');
  // An image of another major (a wrong PARITY_CONTAINER_IMAGE) would compare across majors: refuse it.
  const actual = await withClient(adminUrl, (client) => serverMajor(client)).catch(async (error: unknown) => {
    await started.stop().catch(() => {});
    throw new ServerStartError(`the container ${image} started but did not answer: ${(error as Error).message}`);
  });
  if (actual !== major) {
    await started.stop().catch(() => {});
    throw new ServerStartError(`the container ${image} runs PostgreSQL ${actual}, but the harness is configured for ${major}: set PARITY_PG_MAJOR=${actual} or use a postgres:${major} image.`);
  }
  let stopped = false;
  return {
    provider: 'container',
    major,
    adminUrl,
    urlFor: (database) => withDatabase(adminUrl, database),
    async stop() {
      if (stopped) return;
      stopped = true;
      await closeAdminSessions(adminUrl);
      await started.stop();
    },
  };
}
