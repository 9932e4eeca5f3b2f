import { ParityError } from '../errors.js';
import { dumpSchemaOnly, findPgDump } from './pg-dump.js';

export type Step = <T>(label: string, run: () => Promise<T>) => Promise<T>;

/**
 * `pg_dump --schema-only` of `url` by the best pg_dump there is: a local one of the server's major
 * or newer (PARITY_PG_DUMP, PATH, the usual places), else the one inside a postgres image of that
 * major, whichever provider builds the databases — production's major often has no local client
 * (a CI runner ships one major). Without a Docker daemon the error names both ways out.
 * PARITY_PG_DUMP=container asks for the container's pg_dump outright.
 */
export async function dumpWithBestPgDump(major: number, url: string, step: Step, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const inContainer = async () => {
    const { dumpInContainer } = await import('./container-pg-dump.js');
    return step(`pg_dump ${major} --schema-only (in a container)`, () => dumpInContainer(major, url));
  };
  if (env.PARITY_PG_DUMP === 'container') return inContainer();
  let binary;
  try {
    binary = await findPgDump(major, env);
  } catch (error) {
    if (error instanceof ParityError && error.code === 'no-pg-dump') return inContainer();
    throw error;
  }
  return step(`pg_dump ${binary.major} --schema-only`, () => dumpSchemaOnly(binary, url));
}
