import { ServerStartError } from './errors.js';
import { dockerAnswers, dockerEndpoint } from './docker.js';
import { DEFAULT_MAJOR, withDatabase, type PostgresServer, type ServerOptions } from './types.js';

/** `postgres:<major>` in Docker via @testcontainers/postgresql, only when a daemon answers. */
export async function startContainer(options: ServerOptions = {}): Promise<PostgresServer> {
  const major = options.major ?? DEFAULT_MAJOR;
  const endpoint = dockerEndpoint();
  if (!(await dockerAnswers(endpoint))) {
    throw new ServerStartError(
      `the container provider was asked for (PARITY_SERVER=container) but no Docker daemon answered at ${endpoint.label} within 3 s. ` +
        `Start Docker (or fix DOCKER_HOST), or unset PARITY_SERVER to use the embedded server.`,
    );
  }
  // Imported only here: testcontainers is heavy and needs undici >= 7 on Node 20 (package.json overrides it).
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  options.log?.(`starting container postgres:${major}-alpine`);
  const container = await new PostgreSqlContainer(`postgres:${major}-alpine`)
    .withCommand(['postgres', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'])
    .start();
  const adminUrl = withDatabase(container.getConnectionUri(), 'postgres');
  let stopped = false;
  return {
    provider: 'container',
    major,
    adminUrl,
    urlFor: (database) => withDatabase(adminUrl, database),
    async stop() {
      if (stopped) return;
      stopped = true;
      await container.stop();
    },
  };
}
