import { chmodSync, cpSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { dirname, join, parse } from 'node:path';
import { installedNative, platformPackage } from './embedded-install.js';
import { ServerStartError } from './errors.js';

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
}

/** The installed package's `native/` folder (bin/, lib/, share/): postgres finds its libraries and share files relative to it. */
export async function packagedNativeDir(): Promise<string> {
  const installed = await installedNative();
  if (!installed) {
    throw new ServerStartError(`no PostgreSQL binaries for ${platform()}-${arch()}: the optional package ${platformPackage()} is not installed. Run npm install again, or use PARITY_SERVER=url or container.`);
  }
  return installed.dir;
}

/**
 * True when a user who is neither the owner nor in the group can run `file`: every folder on
 * the way must let others through. As root the server runs as the `postgres` user, and a project
 * under /root or in a `mktemp -d` folder (both 0700) is out of its reach.
 */
export function reachableByOthers(file: string): boolean {
  try {
    if ((statSync(file).mode & 0o005) !== 0o005) return false;
    for (let dir = dirname(file); ; dir = dirname(dir)) {
      if ((statSync(dir).mode & 0o001) === 0) return false;
      if (dir === parse(dir).root) return true;
    }
  } catch {
    return false;
  }
}

/**
 * initdb and postgres from `nativeDir`. When the server will run as another user (`asOtherUser`)
 * that cannot reach them there, they are copied once, whole (libraries and share files go with
 * them), to `<sharedRoot>/schema-parity-binaries-<version>` and run from there.
 */
export function usableBinaries(nativeDir: string, options: { asOtherUser: boolean; sharedRoot: string; version: string }): PostgresBinaries {
  const at = (dir: string) => ({ initdb: join(dir, 'bin', 'initdb'), postgres: join(dir, 'bin', 'postgres') });
  if (!options.asOtherUser || reachableByOthers(at(nativeDir).postgres)) return at(nativeDir);
  const shared = join(options.sharedRoot, `schema-parity-binaries-${options.version}`);
  if (!existsSync(at(shared).postgres)) {
    // copied beside, then renamed: a parallel run never sees half a copy
    const partial = `${shared}.${process.pid}.partial`;
    try {
      cpSync(nativeDir, partial, { recursive: true, dereference: true });
      chmodSync(partial, 0o755);
      renameSync(partial, shared);
    } catch (error) {
      if (!existsSync(at(shared).postgres)) {
        throw new ServerStartError(`copying the PostgreSQL binaries to ${shared} (the postgres user cannot reach ${nativeDir}): ${(error as Error).message}`);
      }
    } finally {
      rmSync(partial, { recursive: true, force: true });
    }
  }
  if (!reachableByOthers(at(shared).postgres)) {
    throw new ServerStartError(
      `the postgres user cannot reach the PostgreSQL binaries in ${nativeDir} nor in ${shared}: ` +
        `make ${options.sharedRoot} enterable by others (chmod o+x), set PARITY_CLUSTER_DIR to a folder that is, or run as a normal user.`,
    );
  }
  return at(shared);
}
