import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { decodedName, isSecretParameter, maskSecretsIn } from '../util/redact.js';
import { DumpError } from './errors.js';

export interface PgDumpBinary {
  path: string;
  major: number;
}

/** The restrict key pg_dump ≥ 17.6/16.10/15.14 writes into `\restrict`; fixed, so dumps are stable. */
export const RESTRICT_KEY = 'schemaparity';

function run(file: string, args: string[], env: NodeJS.ProcessEnv = process.env, timeout = 120_000): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { env, timeout, maxBuffer: 512 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) reject(Object.assign(error, { stderr }));
      else resolve({ stdout, stderr });
    });
  });
}

/** Where pg_dump may live: PATH, Debian/Ubuntu and Homebrew locations (PARITY_PG_DUMP overrides them all). */
export function pgDumpCandidates(env = process.env): string[] {
  const candidates: string[] = [];
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) candidates.push(join(dir, 'pg_dump'));
  const versioned = (root: string, pattern: RegExp, bin: (name: string) => string) => {
    if (!existsSync(root)) return;
    for (const name of readdirSync(root).filter((n) => pattern.test(n)).sort((a, b) => Number(b.replace(/\D/g, '')) - Number(a.replace(/\D/g, '')))) candidates.push(bin(name));
  };
  versioned('/usr/lib/postgresql', /^\d+$/, (n) => join('/usr/lib/postgresql', n, 'bin', 'pg_dump'));
  for (const brew of ['/opt/homebrew/opt', '/usr/local/opt']) versioned(brew, /^postgresql@\d+$/, (n) => join(brew, n, 'bin', 'pg_dump'));
  return [...new Set(candidates)].filter((path) => existsSync(path));
}

/** The first pg_dump whose major is at least the server's (pg_dump refuses newer servers). */
export async function findPgDump(serverMajor: number, env = process.env): Promise<PgDumpBinary> {
  if (env.PARITY_PG_DUMP) {
    // an explicit choice is honoured or refused, never silently replaced
    const major = await pgDumpMajor(env.PARITY_PG_DUMP).catch(() => undefined);
    if (major === undefined) throw new DumpError(`PARITY_PG_DUMP=${env.PARITY_PG_DUMP} is not a pg_dump that runs`);
    if (major < serverMajor) throw new DumpError(`PARITY_PG_DUMP=${env.PARITY_PG_DUMP} is pg_dump ${major}; the server is PostgreSQL ${serverMajor}, which needs pg_dump ${serverMajor} or newer (apt-get install postgresql-client-${serverMajor})`);
    return { path: env.PARITY_PG_DUMP, major };
  }
  const seen: string[] = [];
  for (const path of pgDumpCandidates(env)) {
    const major = await pgDumpMajor(path).catch(() => undefined);
    if (major === undefined) continue;
    seen.push(`${path} (${major})`);
    if (major >= serverMajor) return { path, major };
  }
  throw new DumpError(
    `no pg_dump of major ${serverMajor} or newer found (${seen.length ? `found ${seen.join(', ')}` : 'none on PATH, in /usr/lib/postgresql or Homebrew'}). ` +
      `Install it (Debian/Ubuntu: apt-get install postgresql-client-${serverMajor}; macOS: brew install postgresql@${serverMajor}) or point PARITY_PG_DUMP at one.`,
    { code: 'no-pg-dump' },
  );
}

export async function pgDumpMajor(path: string): Promise<number> {
  const { stdout } = await run(path, ['--version'], process.env, 10_000);
  const major = majorOfVersion(stdout);
  if (major === undefined) throw new Error(`${path} --version said "${stdout.trim()}"`);
  return major;
}

/** The major of `pg_dump --version` output ("pg_dump (PostgreSQL) 15.18 …"). */
export function majorOfVersion(versionOutput: string): number | undefined {
  const match = /pg_dump \(PostgreSQL\) (\d+)/.exec(versionOutput);
  return match ? Number(match[1]) : undefined;
}

/**
 * The arguments of a schema-only dump of `url` and the password that goes beside them in
 * PGPASSWORD (never on a command line, which `ps` shows). `helpOutput` is the pg_dump's
 * `--help`: a fixed restrict key where it knows the option, so dumps are stable.
 */
export function schemaOnlyInvocation(url: string, helpOutput: string): { args: string[]; password: string } {
  const parsed = new URL(url);
  let password = decodeURIComponent(parsed.password);
  parsed.password = '';
  // a password may also come as a query parameter (any case, any percent-encoding of its name)
  for (const name of [...new Set(parsed.searchParams.keys())]) {
    if (decodedName(name) === 'sslpassword') {
      throw new DumpError(`the URL carries sslpassword=, which pg_dump would show on its command line: decrypt the client key or give it by PGSSLKEY with an unencrypted key`);
    }
    if (!isSecretParameter(name)) continue;
    password = parsed.searchParams.get(name) ?? password;
    parsed.searchParams.delete(name);
  }
  // UTF-8 whatever the database's encoding: the output is read (and committed) as UTF-8
  const args = ['--schema-only', '--no-password', '--encoding=UTF8', `--dbname=${parsed.toString()}`];
  if (helpOutput.includes('--restrict-key')) args.push(`--restrict-key=${RESTRICT_KEY}`);
  return { args, password };
}

/**
 * `pg_dump --schema-only` of the database at `url`, with a fixed restrict key. The password goes
 * through PGPASSWORD, never the command line (which `ps` shows), and never into a message.
 */
export async function dumpSchemaOnly(binary: PgDumpBinary, url: string): Promise<string> {
  const { stdout: help } = await run(binary.path, ['--help'], process.env, 10_000);
  const { args, password } = schemaOnlyInvocation(url, help);
  try {
    // no password in the URL: leave the user's PGPASSWORD / passfile to libpq
    const { stdout } = await run(binary.path, args, { ...process.env, ...(password ? { PGPASSWORD: password } : {}), PGCONNECT_TIMEOUT: '10' });
    return stdout;
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? '').trim();
    throw new DumpError(`pg_dump failed: ${maskSecretsIn(stderr || (error as Error).message)}`);
  }
}
