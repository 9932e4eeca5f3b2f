import { dockerAnswers, dockerEndpoint } from '../server/docker.js';
import { maskSecretsIn } from '../util/redact.js';
import { DumpError } from './sanitize.js';

/**
 * pg_dump from inside a `postgres:<major>-alpine` container, for a machine without a local
 * pg_dump of the right major when the container provider is in use. The container shares the
 * host network, so it reaches what the host reaches; the password goes in through PGPASSWORD.
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
  const container = await new GenericContainer(`postgres:${major}-alpine`)
    .withEntrypoint(['sleep'])
    .withCommand(['3600'])
    .withNetworkMode('host')
    .start();
  try {
    const result = await container.exec(['pg_dump', '--schema-only', '--no-password', `--dbname=${parsed.toString()}`], { env: { PGPASSWORD: password, PGCONNECT_TIMEOUT: '10' } });
    if (result.exitCode !== 0) throw new DumpError(`pg_dump (in postgres:${major}-alpine) failed: ${maskSecretsIn(result.stderr || result.output)}`);
    return result.stdout;
  } finally {
    await container.stop().catch(() => {});
  }
}
