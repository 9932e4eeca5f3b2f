import { nativeDirFor } from '../server/embedded-install.js';
import { configuredMajor } from '../server/index.js';
import { SUPPORTED_MAJORS } from '../server/postgres-versions.js';
import { UsageError } from '../errors.js';
import type { Output } from './io.js';

const USAGE = `usage: parity server install [<major>… | all]   (majors ${SUPPORTED_MAJORS.join(', ')}; none: the configured major)`;

/**
 * `parity server install <major…>`: fetches the embedded provider's binaries of each major now
 * (for a CI cache or offline work) instead of on first use; says where each one is.
 */
export async function serverCommand(positionals: string[], io: { stdout: Output; env: NodeJS.ProcessEnv } = process): Promise<number> {
  const [action, ...args] = positionals;
  if (action !== 'install') throw new UsageError(USAGE);
  const majors = args.includes('all') ? [...SUPPORTED_MAJORS] : args.length ? args.map(parseMajor) : [configuredMajor({}, io.env)];
  for (const major of majors) {
    const { dir, version } = await nativeDirFor(major, { env: io.env });
    io.stdout.write(`PostgreSQL ${major}: ${version} in ${dir}\n`);
  }
  return 0;
}

function parseMajor(text: string): number {
  const major = Number(text);
  if (!SUPPORTED_MAJORS.includes(major)) throw new UsageError(`"${text}" is not a major the embedded provider runs: use one of ${SUPPORTED_MAJORS.join(', ')}, or all\n${USAGE}`);
  return major;
}
