import { chmodSync, cpSync, existsSync, readdirSync, readlinkSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { dirname, isAbsolute, join, parse, relative, resolve } from 'node:path';
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
 * them; see copyTree), to `<sharedRoot>/schema-parity-binaries-<version>` and run from there.
 */
export function usableBinaries(nativeDir: string, options: { asOtherUser: boolean; sharedRoot: string; version: string }): PostgresBinaries {
  const at = (dir: string) => ({ initdb: join(dir, 'bin', 'initdb'), postgres: join(dir, 'bin', 'postgres') });
  if (!options.asOtherUser || reachableByOthers(at(nativeDir).postgres)) return at(nativeDir);
  const shared = join(options.sharedRoot, `schema-parity-binaries-${options.version}`);
  if (!existsSync(at(shared).postgres)) {
    // copied beside, then renamed: a parallel run never sees half a copy
    const partial = `${shared}.${process.pid}.partial`;
    try {
      copyTree(nativeDir, partial);
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

/**
 * Copies the folder `from` (itself maybe a link, as in pnpm's layout) to `to`, keeping the links
 * inside it that stay inside it (a library's versioned names: libicudata.so → libicudata.so.60.2),
 * and copying what any other link points to: ~60 MB, not the ~120 MB a copy of every link's
 * target takes, where the copy often lives in memory (/dev/shm).
 */
function copyTree(from: string, to: string): void {
  const source = realpathSync(from);
  cpSync(source, to, { recursive: true, verbatimSymlinks: true });
  const outside = (link: string) => {
    const target = readlinkSync(link);
    const inCopy = relative(to, resolve(dirname(link), target));
    return isAbsolute(target) || inCopy.startsWith('..') || isAbsolute(inCopy);
  };
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.isSymbolicLink() && outside(path)) {
        const target = realpathSync(join(source, relative(to, path)));
        rmSync(path);
        cpSync(target, path, { recursive: true, dereference: true });
      }
    }
  };
  visit(to);
}
