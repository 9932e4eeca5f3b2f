import { describe, expect, it } from 'vitest';
import { main } from '../../harness/cli/main.js';
import { folderWith } from '../support/folders.js';

/**
 * `main(argv, { env })` reads the settings from the env it is given, not from the process's: a
 * program (or a test) that runs parity in-process with other settings gets those settings, and
 * nothing of the process's own environment leaks in. process.env holds none of them here.
 */
async function mainWith(args: string[], env: Record<string, string>, cwd: string): Promise<{ code: number; stderr: string; stdout: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env }, cwd, stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) } });
  return { code, stdout, stderr };
}

const PROJECT = { 'migrations-legacy/001_a.sql': 'CREATE TABLE a (id int);\n' };

describe('main reads its settings from the env it is given', () => {
  for (const name of ['PARITY_PG_MAJOR', 'PARITY_SERVER', 'PARITY_DATABASE_URL', 'PARITY_IMPORT_TIMEOUT', 'PARITY_CACHE_DIR']) {
    it(`(${name} is not set in this process)`, () => expect(process.env[name]).toBeUndefined());
  }

  it('PARITY_PG_MAJOR and PARITY_SERVER: a bad one is the error it is, from the given env only', async () => {
    const dir = folderWith(PROJECT);
    const major = await mainWith(['snapshot', 'legacy:migrations-legacy', '--no-cache'], { PARITY_PG_MAJOR: '12' }, dir);
    expect([major.code, major.stderr]).toEqual([2, expect.stringContaining('PARITY_PG_MAJOR=12 is not a supported PostgreSQL major')]);
    const server = await mainWith(['snapshot', 'legacy:migrations-legacy', '--no-cache'], { PARITY_SERVER: 'nope' }, dir);
    expect([server.code, server.stderr]).toEqual([2, expect.stringContaining('PARITY_SERVER=nope is not a provider')]);
  });

  it('PARITY_DATABASE_URL picks the url provider, and PARITY_IMPORT_TIMEOUT is read for the config', async () => {
    const url = await mainWith(['snapshot', 'legacy:migrations-legacy', '--no-cache'], { PARITY_DATABASE_URL: 'mysql://nope' }, folderWith(PROJECT));
    expect([url.code, url.stderr]).toEqual([2, expect.stringContaining('PARITY_DATABASE_URL')]);
    const dir = folderWith({ ...PROJECT, 'parity.config.ts': "export default { sources: { legacy: 'legacy:migrations-legacy' } };\n" });
    const timeout = await mainWith(['check'], { PARITY_IMPORT_TIMEOUT: 'soon' }, dir);
    expect([timeout.code, timeout.stderr]).toEqual([2, expect.stringContaining('PARITY_IMPORT_TIMEOUT is "soon"')]);
  });

  it('PARITY_CACHE_DIR: the snapshot cache is where the given env says', async () => {
    const dir = folderWith(PROJECT);
    const cache = `${dir}/elsewhere`;
    const run = await mainWith(['cache', 'clear'], { PARITY_CACHE_DIR: cache }, dir);
    expect([run.code, run.stdout]).toEqual([0, `removed ${cache}\n`]);
  });
});
