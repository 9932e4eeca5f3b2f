import { execFile, execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderWith } from '../support/folders.js';
import { testServer } from '../support/scratch.js';
import { nobodyCanRead } from '../support/nobody.js';
import { PARITY_BIN, runMain, runParity } from './run-parity.js';

const onTestServer = () => ({ PARITY_DATABASE_URL: testServer().adminUrl });
// a server that can never start: a command that gets this far would fail on it, not on its -o
const NO_SERVER = { PARITY_SERVER: 'container', DOCKER_HOST: 'tcp://127.0.0.1:9' };

describe('where parity writes', () => {
  it('a cache folder it cannot write is a warning on stderr, and the run goes on to its verdict', async () => {
    const dir = folderWith({ 'migrations-legacy/001_a.sql': 'CREATE TABLE a (id int);\n', 'not-a-folder': 'a file' });
    // under a file: no one can create it, not even root
    const cacheDir = join(dir, 'not-a-folder', 'cache');
    // the cache's warning is written by a layer below the CLI, to the process's stderr: a process of its own
    const env = { ...onTestServer(), PARITY_CACHE_DIR: cacheDir };
    const warning = `parity: warning: cannot write the snapshot cache in ${cacheDir} (ENOTDIR); going on without it. Set PARITY_CACHE_DIR to a writable folder, or pass --no-cache.\n`;
    const refresh = await runParity(['refresh'], { cwd: dir, env });
    expect([refresh.code, refresh.stdout, refresh.stderr]).toEqual([0, 'legacy: created snapshots/legacy.snapshot.json\n', warning]);
    const check = await runParity(['check'], { cwd: dir, env });
    expect([check.code, check.stdout, check.stderr]).toEqual([0, 'verdict:\n  ✓ legacy = snapshots/legacy.snapshot.json\n', warning]);
  });

  it('-o a pipe or a device is written into, never replaced; -o a link writes the file it names, and the link stays', async () => {
    const snapshotText = readFileSync(join(import.meta.dirname, '..', '..', 'snapshots', 'legacy.snapshot.json'), 'utf8');
    const dir = folderWith({ 'in.snapshot.json': snapshotText, 'real/target.json': 'old' });
    // a pipe, as `-o /dev/stdout` is when stdout is one (that path itself is not tried: as root, the
    // failure this guards against would replace the machine's /dev/stdout with a file)
    const fifo = join(dir, 'out.fifo');
    execFileSync('mkfifo', [fifo]);
    // read by another process, which a pipe nothing ever writes to holds in open(): killed then
    const reader = spawn('cat', [fifo]);
    let read = '';
    reader.stdout.setEncoding('utf8').on('data', (chunk: string) => (read += chunk));
    const readerEnded = new Promise<number | null>((resolve) => reader.on('close', (code) => resolve(code)));
    const toPipe = await runParity(['snapshot', 'snapshot:in.snapshot.json', '-o', fifo], { cwd: dir });
    expect([toPipe.code, toPipe.stdout, toPipe.stderr]).toEqual([0, '', '']);
    const stop = setTimeout(() => reader.kill(), 5000);
    expect(await readerEnded).toBe(0);
    clearTimeout(stop);
    expect(read).toBe(snapshotText);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['in.snapshot.json', 'out.fifo', 'real']);
    // a link: the file it names gets the text, beside which the temp file was (none is left)
    symlinkSync(join('real', 'target.json'), join(dir, 'link.json'));
    const toLink = await runMain(['snapshot', 'snapshot:in.snapshot.json', '-o', 'link.json'], { cwd: dir });
    expect([toLink.code, toLink.stderr]).toEqual([0, '']);
    expect(lstatSync(join(dir, 'link.json')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'real', 'target.json'), 'utf8')).toBe(snapshotText);
    expect(readdirSync(join(dir, 'real'))).toEqual(['target.json']);
    // a link to nothing yet: the file it names is made
    symlinkSync(join('real', 'new.json'), join(dir, 'dangling.json'));
    const toDangling = await runMain(['snapshot', 'snapshot:in.snapshot.json', '-o', 'dangling.json'], { cwd: dir });
    expect([toDangling.code, toDangling.stderr]).toEqual([0, '']);
    expect(lstatSync(join(dir, 'dangling.json')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'real', 'new.json'), 'utf8')).toBe(snapshotText);
  });

  it('-o that is a folder, or under a file, is refused with what to do before anything is built', async () => {
    const dir = folderWith({ 'migrations-legacy/001_a.sql': 'CREATE TABLE a (id int);\n', 'file.txt': 'x', 'out/.keep': '' });
    const folder = await runMain(['snapshot', 'legacy:migrations-legacy', '-o', 'out'], { cwd: dir, env: NO_SERVER });
    expect([folder.code, folder.stdout, folder.stderr]).toEqual([2, '', 'parity snapshot: -o out is a folder: name the file to write, e.g. -o out/snapshot.json\n']);
    const underFile = await runMain(['snapshot', 'legacy:migrations-legacy', '-o', 'file.txt/s.json'], { cwd: dir, env: NO_SERVER });
    expect([underFile.code, underFile.stderr]).toEqual([2, 'parity snapshot: -o file.txt/s.json: file.txt is a file, not a folder: choose another path\n']);
    const dump = await runMain(['dump', '--url', 'postgres://u:secret@127.0.0.1:1/prod', '-o', 'out'], { cwd: dir });
    expect([dump.code, dump.stderr]).toEqual([2, 'parity dump: -o out is a folder: name the file to write, e.g. -o out/production.sql\n']);
    const nightly = await runMain(['nightly', '--out', 'file.txt'], { cwd: dir, env: { PROD_DATABASE_URL: 'postgres://u:secret@127.0.0.1:1/prod' } });
    expect([nightly.code, nightly.stderr]).toEqual([2, 'parity nightly: --out file.txt is a file: --out names the folder for the dump and the report\n']);
    expect(readFileSync(join(dir, 'file.txt'), 'utf8')).toBe('x');
    expect(existsSync(join(dir, '.parity-cache'))).toBe(false);
  });

  it('-o to a new file in a new folder is written', async () => {
    const dir = folderWith({ 'migrations-legacy/001_a.sql': 'CREATE TABLE a (id int);\n' });
    mkdirSync(join(dir, 'existing'));
    writeFileSync(join(dir, 'existing', 'old.json'), '{}');
    const run = await runMain(['snapshot', 'legacy:migrations-legacy', '-o', 'new/deeper/s.json'], { cwd: dir, env: onTestServer() });
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(JSON.parse(readFileSync(join(dir, 'new', 'deeper', 's.json'), 'utf8')).tables.map((t: { name: string }) => t.name)).toEqual(['a']);
  });

  // runs the real bin as that user: not where the checkout is out of its reach (a mktemp -d clone)
  it.runIf(nobodyCanRead(PARITY_BIN))('-o in a folder the user may not write is refused before anything is built (run as uid 65534)', async () => {
    const dir = folderWith({ 'migrations-legacy/001_a.sql': 'CREATE TABLE a (id int);\n', 'locked/.keep': '' });
    chmodSync(dir, 0o755);
    chmodSync(join(dir, 'locked'), 0o755); // root's: nobody may not create in it
    const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile(process.execPath, [PARITY_BIN, 'snapshot', 'legacy:migrations-legacy', '-o', 'locked/s.json'], { cwd: dir, uid: 65534, gid: 65534, env: { PATH: process.env.PATH, HOME: '/tmp', ...NO_SERVER } }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
      ),
    );
    expect([run.code, run.stdout, run.stderr]).toEqual([2, '', `parity snapshot: -o locked/s.json: cannot write in ${join(dir, 'locked')} (EACCES): choose a folder you can write\n`]);
  });
});
