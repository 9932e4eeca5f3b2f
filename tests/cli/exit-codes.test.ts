import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { isAlive } from '../../harness/server/processes.js';
import { folderWith } from '../support/folders.js';
import { PARITY_BIN, runMain, runParity } from './run-parity.js';

// The exit code is parity's verdict (0 equal, 1 drift, 2 error): nothing the user's code does —
// a config, a schema module, a library they load — may turn into 0 or 1. These run the real bin.

const LEGACY = { 'migrations-legacy/001_a.sql': 'CREATE TABLE a (id int);\n' };
// a snapshot that does not exist: an error (2) once the config has loaded, with no server started
const CONFIG = "export default { sources: { legacy: 'legacy:migrations-legacy' }, snapshots: ['legacy'] };\n";
const SNAPSHOT_MISSING = 'parity check: snapshots/legacy.snapshot.json does not exist';

/** `parity check` in a folder whose parity.config.ts starts with `code`. */
const checkWith = (code: string, env: Record<string, string> = {}) => runParity(['check'], { cwd: folderWith({ ...LEGACY, 'parity.config.ts': `${code}\n${CONFIG}` }), env, timeout: 30_000 });

const GUARDED = /^parity: code at .* called process\.(exit|reallyExit)\((\d*)\) while parity was running: a verdict cannot come from there\n$/m;

describe('a config cannot decide the exit code', () => {
  it.each([0, 1])('a timer that calls process.exit(%i) after the config loaded is an error (exit 2), said once', async (code) => {
    const run = await checkWith(`setTimeout(() => process.exit(${code}), 0);`);
    expect([run.code, run.stdout]).toEqual([2, '']);
    expect(run.stderr).toMatch(GUARDED);
    expect(run.stderr).toContain(`called process.exit(${code})`);
    expect(run.stderr.match(/a verdict cannot come from there/g)).toHaveLength(1);
  });

  it('process.reallyExit(0) (what process.exit calls) is refused the same way', async () => {
    const run = await checkWith('setTimeout(() => process.reallyExit(0), 0);');
    expect([run.code, run.stdout]).toEqual([2, '']);
    expect(run.stderr).toMatch(/called process\.reallyExit\(0\) while parity was running/);
  });

  it("process.exitCode and 'exit' listeners set by the config do not change the command's code", async () => {
    const run = await checkWith("process.exitCode = 0; process.on('exit', () => { process.exitCode = 0; });");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(SNAPSHOT_MISSING);
  });

  it("an 'exit' listener that calls process.exit(0) or process.reallyExit(0) does not change it either", async () => {
    const run = await checkWith("process.on('exit', () => { process.exit(0); });\nprocess.on('exit', () => { process.reallyExit(0); });");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(SNAPSHOT_MISSING);
  });

  it('a config that awaits what never happens is an error naming the file (not exit 13, not the exitCode it set)', async () => {
    const run = await checkWith('process.exitCode = 0;\nawait new Promise(() => {});');
    expect([run.code, run.stdout]).toEqual([2, '']);
    expect(run.stderr).toBe('parity check: parity.config.ts: it never finished loading: its top-level code awaits something that never happens\n');
  });

  it('a config that never finishes loading while its timers run is an error after PARITY_IMPORT_TIMEOUT seconds', async () => {
    const started = Date.now();
    const run = await checkWith('setInterval(() => {}, 1000);\nawait new Promise(() => {});', { PARITY_IMPORT_TIMEOUT: '0.3' });
    expect([run.code, run.stdout]).toEqual([2, '']);
    expect(run.stderr).toBe('parity check: parity.config.ts: it never finished loading (0.3 s; a slow one may need a longer PARITY_IMPORT_TIMEOUT)\n');
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('a PARITY_IMPORT_TIMEOUT that is not a number of seconds is refused, saying what it takes', async () => {
    const run = await runMain(['check'], { cwd: folderWith({ ...LEGACY, 'parity.config.ts': CONFIG }), env: { PARITY_IMPORT_TIMEOUT: 'soon' } });
    expect([run.code, run.stderr]).toEqual([2, 'parity check: PARITY_IMPORT_TIMEOUT is "soon": give the seconds a module has to finish importing, a number above 0 and at most 3600 (default 60).\n']);
  });
});

describe('an uncaught exception or unhandled rejection is an error (exit 2), never drift (1)', () => {
  it.each([
    ['a timer that throws', "setTimeout(() => { throw new Error('cannot reach postgres://app:hunter2secret@db.internal/app'); }, 0);", 'uncaught exception'],
    ['a rejection nobody handles', "setTimeout(() => { Promise.reject(new Error('cannot reach postgres://app:hunter2secret@db.internal/app')); }, 0);", 'unhandled rejection'],
  ])('%s: one line, secrets masked', async (_what, code, kind) => {
    const run = await checkWith(code);
    expect([run.code, run.stdout]).toEqual([2, '']);
    // where it was thrown, on the same line
    expect(run.stderr).toMatch(new RegExp(`^parity: ${kind}: cannot reach postgres://app:\\*\\*\\*@db\\.internal/app \\(at .*\\)\n`, 'm'));
    expect(run.stderr).not.toContain('hunter2secret');
    // one line of ours: no stack trace
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });
});

describe('a schema: source runs under a time limit, and its compiled copy never outlives the run', () => {
  const ROOT = join(import.meta.dirname, '..', '..');
  const COPIES = join(ROOT, 'node_modules', '.cache', 'schema-parity', 'modules');
  let n = 0;
  /** A project with our packages linked, and a schema file of a name no other test uses (its copies are found by it). */
  function project(schema: string): { dir: string; name: string } {
    const name = `exitcodes${process.pid}x${++n}`;
    const dir = folderWith({ 'package.json': JSON.stringify({ name: 'shop', type: 'module' }), [`${name}.ts`]: schema });
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    return { dir, name };
  }
  const copiesOf = (name: string) => (existsSync(COPIES) ? readdirSync(COPIES).filter((file) => file.startsWith(`${name}.`)) : []);
  // top level: the child writes its pid, then never finishes importing
  const HANGS = "import { writeFileSync } from 'node:fs';\nwriteFileSync('child.pid', String(process.pid));\nsetInterval(() => {}, 1000);\nawait new Promise(() => {});\nexport {};\n";

  // (the limit counts from when the child starts importing the module: its first line has run by then)
  it('a module that never finishes importing is an error (exit 2) naming the file, after PARITY_IMPORT_TIMEOUT; no copy, no child left', async () => {
    const { dir, name } = project(HANGS);
    const run = await runParity(['snapshot', `schema:${name}.ts`, '--no-cache'], { cwd: dir, env: { PARITY_IMPORT_TIMEOUT: '0.5' }, timeout: 30_000 });
    expect([run.code, run.stdout]).toEqual([2, '']);
    expect(run.stderr).toContain(`${join(dir, `${name}.ts`)}: cannot import it: it never finished importing (0.5 s; a slow one may need a longer PARITY_IMPORT_TIMEOUT)`);
    expect(copiesOf(name)).toEqual([]);
    expect(isAlive(Number(readFileSync(join(dir, 'child.pid'), 'utf8')))).toBe(false);
  });

  it('a module that sends parity SIGTERM: parity stops (143), and leaves no copy', async () => {
    const { dir, name } = project("process.kill(process.ppid, 'SIGTERM');\nsetInterval(() => {}, 1000);\nawait new Promise(() => {});\nexport {};\n");
    const run = await runParity(['snapshot', `schema:${name}.ts`, '--no-cache'], { cwd: dir });
    expect(run.code).toBe(143);
    expect(copiesOf(name)).toEqual([]);
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('parity sent %s while a module imports: no copy and no child left', async (signal) => {
    const { dir, name } = project(HANGS);
    const child = spawn(process.execPath, [PARITY_BIN, 'snapshot', `schema:${name}.ts`, '--no-cache'], { cwd: dir, stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    for (let i = 0; i < 400 && !existsSync(join(dir, 'child.pid')); i++) await sleep(25);
    const pid = Number(readFileSync(join(dir, 'child.pid'), 'utf8'));
    expect(copiesOf(name)).toHaveLength(1);
    child.kill(signal);
    expect(await exited).toBe(signal === 'SIGINT' ? 130 : 143);
    expect(copiesOf(name)).toEqual([]);
    // (a process the child started itself ends once it sees its parent gone: polled every 0.5 s)
    for (let i = 0; i < 200 && isAlive(pid); i++) await sleep(25);
    expect(isAlive(pid)).toBe(false);
  });

  it('parity SIGKILLed while a module imports (no cleanup of its own can run): the child removes the copy and ends', async () => {
    const { dir, name } = project(HANGS);
    const child = spawn(process.execPath, [PARITY_BIN, 'snapshot', `schema:${name}.ts`, '--no-cache'], { cwd: dir, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    for (let i = 0; i < 400 && !existsSync(join(dir, 'child.pid')); i++) await sleep(25);
    const pid = Number(readFileSync(join(dir, 'child.pid'), 'utf8'));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    for (let i = 0; i < 200 && (isAlive(pid) || copiesOf(name).length > 0); i++) await sleep(25);
    expect(copiesOf(name)).toEqual([]);
    expect(isAlive(pid)).toBe(false);
  });
});
