import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The dbmate release the real-tool tests run: its binary, from npm (@dbmate/<platform>). */
export const DBMATE_VERSION = '2.36.0';

/**
 * The path of the real dbmate binary, fetched once with `npm pack` into the user's cache (as
 * `parity server install` fetches PostgreSQL): not a devDependency, whose platform packages the
 * lock file would have to list for every platform. Made beside its final place and renamed, so a
 * parallel fetch never sees half of it. Throws, saying why, where npm has no build of this platform.
 */
export function dbmateBinary(): string {
  const platform = `${process.platform}-${process.arch}`;
  const dir = join(homedir(), '.cache', 'schema-parity', 'tools', `dbmate-${DBMATE_VERSION}-${platform}`);
  const binary = join(dir, 'package', 'bin', process.platform === 'win32' ? 'dbmate.exe' : 'dbmate');
  if (existsSync(binary)) return binary;
  mkdirSync(join(dir, '..'), { recursive: true });
  const work = mkdtempSync(`${dir}.fetching-`);
  try {
    const tarball = execFileSync('npm', ['pack', `@dbmate/${platform}@${DBMATE_VERSION}`, '--pack-destination', work, '--loglevel=error'], { encoding: 'utf8' }).trim().split('\n').at(-1)!;
    execFileSync('tar', ['-xzf', join(work, tarball), '-C', work]);
    rmSync(join(work, tarball));
    try {
      renameSync(work, dir);
    } catch (error) {
      if (!existsSync(binary)) throw error; // another fetch got there first
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return binary;
}
