import { randomUUID } from 'node:crypto';
import { dockerAnswers, dockerEndpoint, postgresImage } from '../server/docker.js';
import { ownerLabels, removeStart } from '../server/docker-containers.js';
import { maskSecretsIn } from '../util/redact.js';
import { majorOfVersion, schemaOnlyInvocation } from './pg-dump.js';
import { DumpError } from './errors.js';

/**
 * pg_dump from inside a `postgres:<major>-alpine` (or PARITY_CONTAINER_IMAGE) container, for a
 * machine without a local pg_dump of the right major. The container shares the host network, so it
 * reaches what the host reaches; the password goes in through PGPASSWORD, never the command line.
 */
export async function dumpInContainer(major: number, url: string): Promise<string> {
  const endpoint = dockerEndpoint();
  if (!(await dockerAnswers(endpoint))) {
    throw new DumpError(
      `no local pg_dump of major ${major} or newer, and no Docker daemon answers at ${endpoint.label} to run one in a container. ` +
        `Install postgresql-client-${major} (apt-get install postgresql-client-${major}) or point PARITY_PG_DUMP at one.`,
    );
  }
  const { GenericContainer } = await import('testcontainers');
  const image = postgresImage(major);
  const start = randomUUID();
  const container = await new GenericContainer(image)
    .withLabels(ownerLabels('pg_dump', start))
    .withEntrypoint(['sleep'])
    .withCommand(['3600'])
    .withNetworkMode('host')
    .start()
    .catch(async (error: unknown) => {
      await removeStart(endpoint, start).catch(() => {});
      throw new DumpError(`could not start ${image} to run pg_dump in: ${(error as Error).message}. If no registry is reachable, name a local image in PARITY_CONTAINER_IMAGE.`);
    });
  try {
    const version = await container.exec(['pg_dump', '--version']);
    const found = majorOfVersion(version.stdout);
    if (found === undefined) throw new DumpError(`${image} has no pg_dump that runs (pg_dump --version said "${version.output.trim()}")`);
    if (found < major) throw new DumpError(`${image} has pg_dump ${found}; the server is PostgreSQL ${major}, which needs pg_dump ${major} or newer: use a postgres:${major} image`);
    const { args, password } = schemaOnlyInvocation(url, (await container.exec(['pg_dump', '--help'])).stdout);
    const result = await container.exec(['pg_dump', ...args], { env: { PGPASSWORD: password, PGCONNECT_TIMEOUT: '10' } });
    if (result.exitCode !== 0) throw new DumpError(`pg_dump (in ${image}) failed: ${maskSecretsIn(result.stderr || result.output)}`);
    return result.stdout;
  } finally {
    await container.stop().catch(() => {});
  }
}
