import { spawnSync } from 'node:child_process';

/** The unprivileged user the tests that need one run as. */
export const NOBODY = 65534;

/**
 * Whether the unprivileged user can read `path`: a checkout inside a 0700 folder (a `mktemp -d`
 * clone, anything under /root) is out of its reach, and a test that runs this project's code as
 * that user cannot run there. Only root can run such tests at all.
 */
export function nobodyCanRead(path: string): boolean {
  if (process.getuid?.() !== 0) return false;
  const probe = spawnSync(process.execPath, ['-e', `require('node:fs').accessSync(${JSON.stringify(path)}, require('node:fs').constants.R_OK)`], { uid: NOBODY, gid: NOBODY, stdio: 'ignore' });
  return probe.status === 0;
}
