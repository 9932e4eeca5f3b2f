import { randomUUID } from 'node:crypto';
import { dockerAnswers, dockerEndpoint, postgresImage } from '../server/docker.js';
import { ownerLabels, removeStart } from '../server/docker-containers.js';
import { maskSecretsIn } from '../util/redact.js';
import { RESTRICT_KEY } from './pg-dump.js';
import { DumpError } from './sanitize.js';

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
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
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
    const found = /pg_dump \(PostgreSQL\) (\d+)/.exec(version.stdout);
    if (!found) throw new DumpError(`${image} has no pg_dump that runs (pg_dump --version said "${version.output.trim()}")`);
    if (Number(found[1]) < major) throw new DumpError(`${image} has pg_dump ${found[1]}; the server is PostgreSQL ${major}, which needs pg_dump ${major} or newer: use a postgres:${major} image`);
    const help = await container.exec(['pg_dump', '--help']);
    const args = ['pg_dump', '--schema-only', '--no-password', `--dbname=${parsed.toString()}`];
    if (help.stdout.includes('--restrict-key')) args.push(`--restrict-key=${RESTRICT_KEY}`);
    const result = await container.exec(args, { env: { PGPASSWORD: password, PGCONNECT_TIMEOUT: '10' } });
    if (result.exitCode !== 0) throw new DumpError(`pg_dump (in ${image}) failed: ${maskSecretsIn(result.stderr || result.output)}`);
    return result.stdout;
  } finally {
    await container.stop().catch(() => {});
  }
}
