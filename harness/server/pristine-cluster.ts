import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { PostgresBinaries } from './embedded-binaries.js';
import { initdb, type RunAs } from './embedded-process.js';

/** What initdb is given: a cluster copied from a pristine one is exactly one made with these. */
export const INITDB_FLAGS = ['--auth=scram-sha-256', '--lc-messages=C', '--encoding=UTF8', '--locale=C', '--no-sync', '--wal-segsize=1'] as const;

export const PRISTINE_DIR_PREFIX = 'schema-parity-initdb-';

export interface PristineCluster {
  /** A data directory initdb made and no server ever ran on: copied, never started. */
  dataDir: string;
  /** Its superuser's password, which every copy starts with (and changes at once). */
  password: string;
  /** This call's initdb made it (it was not there, and no other start made it first). */
  made: boolean;
}

/**
 * initdb is nine tenths of a server start, and it writes the same cluster every time: it runs
 * once per PostgreSQL version and user, into `<cluster root>/schema-parity-initdb-<version>-…`,
 * and each start copies that. Made beside its final name and renamed, so a parallel start never
 * sees half of one (the loser of a race removes its own and uses the winner's). Its password file
 * is readable by its owner only, as the data directory is.
 */
export async function pristineCluster(bin: PostgresBinaries, options: { root: string; version: string; user: string; runAs: RunAs; log: (line: string) => void }): Promise<PristineCluster> {
  // named by what decides its content: the version, initdb's flags, the user it is for
  const flags = createHash('sha256').update(JSON.stringify([options.user, INITDB_FLAGS])).digest('hex').slice(0, 8);
  const dir = join(options.root, `${PRISTINE_DIR_PREFIX}${options.version}-${flags}-${userInfo().uid}`);
  const found = readPristine(dir);
  if (found) return found;
  // starts at once in one process wait for the one initdb (other processes race to the rename)
  const making = beingMade.get(dir);
  if (making) return { ...(await making), made: false };
  const made = makePristine(bin, dir, options).finally(() => beingMade.delete(dir));
  beingMade.set(dir, made);
  return made;
}

/** The pristine clusters this process is making, by folder. */
const beingMade = new Map<string, Promise<PristineCluster>>();

async function makePristine(bin: PostgresBinaries, dir: string, options: { version: string; user: string; runAs: RunAs; log: (line: string) => void }): Promise<PristineCluster> {
  const work = mkdtempSync(`${dir}.tmp-`);
  try {
    const dataDir = join(work, 'data');
    const password = randomBytes(16).toString('hex');
    const passwordFile = join(work, 'password');
    writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
    mkdirSync(dataDir, { mode: 0o700 });
    chmodSync(work, 0o755);
    if ('uid' in options.runAs) for (const path of [dataDir, passwordFile]) chownSync(path, options.runAs.uid, options.runAs.gid);
    await initdb(bin, [`--pgdata=${dataDir}`, `--username=${options.user}`, `--pwfile=${passwordFile}`, ...INITDB_FLAGS], options.runAs, options.log);
    // initdb read the file as the server's user; from now on only we read it
    if ('uid' in options.runAs) chownSync(passwordFile, userInfo().uid, userInfo().gid);
    writeFileSync(join(work, 'ready'), `${options.version}\n`);
    try {
      renameSync(work, dir);
    } catch (error) {
      const winner = readPristine(dir); // another start made it first
      if (!winner) throw error;
      rmSync(work, { recursive: true, force: true });
      return winner;
    }
  } catch (error) {
    rmSync(work, { recursive: true, force: true });
    throw error;
  }
  return { ...readPristine(dir)!, made: true };
}

function readPristine(dir: string): PristineCluster | undefined {
  if (!existsSync(join(dir, 'ready'))) return undefined;
  try {
    return { dataDir: join(dir, 'data'), password: readFileSync(join(dir, 'password'), 'utf8').trim(), made: false };
  } catch {
    return undefined;
  }
}

/** Copies the pristine data directory to `target` (which must not exist), owners and modes kept. */
export async function copyCluster(pristine: PristineCluster, target: string): Promise<void> {
  await promisify(execFile)('cp', ['-a', pristine.dataDir, target]);
}
