import { spawn, type ChildProcess } from 'node:child_process';
import type { PostgresBinaries } from './embedded-binaries.js';

/** Who the server runs as: as root, the `postgres` user (postgres refuses root). */
export type RunAs = { uid: number; gid: number } | Record<string, never>;

const READY = 'database system is ready to accept connections';

/**
 * What the server's processes get of parity's environment: what a server needs (where programs
 * and libraries are, the locale, the time zone, where temp files go), never the rest. Code a
 * build runs in the server (a migration, a dump's function) must not read a token or a database
 * URL parity was given (PROD_DATABASE_URL, GITHUB_TOKEN, PGPASSWORD…).
 */
export function serverEnvironment(from: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const kept = Object.entries(from).filter(([name]) => SERVER_NEEDS.has(name) || name.startsWith('LC_'));
  return { ...Object.fromEntries(kept), LC_MESSAGES: 'C' };
}
const SERVER_NEEDS = new Set(['PATH', 'LANG', 'LANGUAGE', 'TZ', 'TMPDIR', 'LD_LIBRARY_PATH', 'DYLD_LIBRARY_PATH', 'SYSTEMROOT', 'SystemRoot', 'WINDIR', 'TEMP', 'TMP', 'PG_OOM_ADJUST_FILE', 'PG_OOM_ADJUST_VALUE']);

/** Runs initdb; resolves when it succeeded, rejects with its own words when it did not. */
export function initdb(bin: PostgresBinaries, args: string[], runAs: RunAs, log: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin.initdb, args, { ...runAs, env: serverEnvironment(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => log(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      log(chunk.toString());
    });
    child.once('error', (error) => reject(new Error(`could not run ${bin.initdb}: ${error.message}`)));
    child.once('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`initdb failed (${signal ?? `exit code ${code}`}): ${stderr.trim()}`));
    });
  });
}

/**
 * Starts the postmaster and resolves once it accepts connections; rejects when it exits or
 * cannot be run first (its log, passed to `log`, says why). Its stderr stays read so that
 * the server never blocks on a full pipe.
 */
export function startPostmaster(bin: PostgresBinaries, args: string[], runAs: RunAs, log: (line: string) => void): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin.postgres, args, { ...runAs, env: serverEnvironment(), stdio: ['ignore', 'ignore', 'pipe'] });
    let seen = '';
    let ready = false;
    child.stderr.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      log(text);
      if (ready) return;
      seen = (seen + text).slice(-READY.length * 2);
      if (seen.includes(READY)) {
        ready = true;
        resolve(child);
      }
    });
    child.once('error', (error) => reject(new Error(`could not run ${bin.postgres}: ${error.message}`)));
    child.once('exit', (code, signal) => {
      if (!ready) reject(new Error(`the server process exited during start (${signal ?? `exit code ${code}`})`));
    });
  });
}
