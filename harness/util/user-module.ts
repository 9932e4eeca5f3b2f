import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { ChildProcess } from 'node:child_process';
import { asCommonJs, bundleModule, usesCommonJs } from './esbuild-bundle.js';
import { secondsFromEnv } from './env-seconds.js';

/** What user-module-child.mjs does with the module (see there). */
export type UserModuleTask = 'drizzle-sql' | 'drizzle-config';

/** Why a user module gave no result, for the caller to say in its own words. */
export type UserModuleFailure =
  /** its import, or the task on it, threw, or did not finish within importLimitMs (the message says which) */
  | { kind: 'threw'; stage: 'import' | 'run'; message: string }
  /** it ended the child: how (`called process.exit(1)`, `was ended by SIGKILL`), and the last of what it printed */
  | { kind: 'ended'; how: string; printed: string[] }
  /** no child could be started */
  | { kind: 'spawn'; message: string };

export class UserModuleError extends Error {
  override name = 'UserModuleError';
  constructor(
    readonly failure: UserModuleFailure,
    options?: ErrorOptions,
  ) {
    super(failure.kind === 'ended' ? failure.how : failure.message, options);
  }
}

/**
 * Runs `task` on the user's module `file` in a child process (user-module-child.mjs), never in
 * this one: nothing the module does on import can decide parity's exit code (a `process.exit(0)`
 * there once became "equal", and no trap inside this process can stop a `process.kill(process.pid)`
 * or a timer that exits later), and whatever it prints (dotenv's banner) goes to our stderr,
 * never into a report on stdout. The result comes back over IPC. It costs one Node start.
 * `options.compiled` is the module as compileUserModule gave it, when the caller has it already.
 * A child that has not finished within importLimitMs is ended: an error, never a wait forever.
 * Neither the child nor the compiled copy outlives the call, nor this process (see leftovers).
 */
export async function inUserModuleProcess<T>(task: UserModuleTask, file: string, options: { cwd?: string; compiled?: CompiledModule | null } = {}): Promise<T> {
  const limitMs = importLimitMs(process.env);
  const compiled = options.compiled === undefined ? await compileUserModule(file) : options.compiled;
  const copy = compiled ? writeCopy(file, compiled) : undefined;
  try {
    return await run<T>(task, file, copy, options.cwd, limitMs);
  } finally {
    if (copy) {
      rmSync(copy, { force: true });
      leftovers.copies.delete(copy);
    }
  }
}

const DEFAULT_IMPORT_SECONDS = 60;

/**
 * How long a user's module (a schema file, a drizzle-kit config, parity.config.ts) has to finish
 * importing: PARITY_IMPORT_TIMEOUT, in seconds (default 60). One whose top level waits for what
 * never comes (a connection, a never-resolved promise) would otherwise hang parity.
 */
export function importLimitMs(env: NodeJS.ProcessEnv = process.env): number {
  return secondsFromEnv(env, 'PARITY_IMPORT_TIMEOUT', { default: DEFAULT_IMPORT_SECONDS, max: 3600, what: 'the seconds a module has to finish importing' });
}

/** How a message says the limit: "60 s; a slow one may need a longer PARITY_IMPORT_TIMEOUT". */
export function importLimitText(limitMs: number): string {
  return `${limitMs / 1000} s; a slow one may need a longer PARITY_IMPORT_TIMEOUT`;
}

/**
 * The children and compiled copies of calls under way. However this process ends while one is
 * (parity exits on SIGINT/SIGTERM without waiting for the import, an error elsewhere ends the
 * run), its 'exit' listener ends the children and removes the copies. (A SIGKILL runs no
 * listener: the child then removes its copy itself, and ends, once it sees its parent gone.)
 */
const leftovers = { children: new Set<ChildProcess>(), copies: new Set<string>(), listening: false };

function track(what: { child?: ChildProcess; copy?: string }): void {
  if (what.child) leftovers.children.add(what.child);
  if (what.copy) leftovers.copies.add(what.copy);
  if (leftovers.listening) return;
  leftovers.listening = true;
  process.on('exit', () => {
    for (const child of leftovers.children) child.kill('SIGKILL');
    for (const copy of leftovers.copies) rmSync(copy, { force: true });
  });
}

/** A user module and its local imports as one module, and where its packages resolve from. */
export interface CompiledModule {
  /** the module, as JavaScript, without the line the copy starts with */
  text: string;
  /** CommonJS where it imports only drizzle-orm (see compileUserModule), else an ES module */
  format: 'cjs' | 'esm';
  /** the module as an ES module, as esbuild bundled it (the same as text when format is esm) */
  esm: string;
  /** the packages and builtins it imports, as written */
  imports: string[];
  /** the node_modules its packages resolve from: the nearest above the file */
  nodeModules: string;
}

// set by the compiled copy's first line: once it is set, the user's code has run (user-module-child.mjs)
const EVALUATED_BANNER = 'globalThis[Symbol.for("schema-parity.user-module-evaluated")] = true;';

/**
 * The module and the local files it imports as one module (an ES module, or CommonJS where it
 * imports only drizzle-orm: below), for the child to load without tsx's loader (half the
 * child's CPU). Null where that would not run as the file does (CommonJS, `import.meta`, a
 * computed `import()`), or cannot be made: the child then imports the file through tsx.
 */
export async function compileUserModule(file: string): Promise<CompiledModule | null> {
  const nodeModules = nearestNodeModules(dirname(file));
  if (!nodeModules) return null;
  // double quotes: usesCommonJs leaves out what is in them
  // its files named from the project's folder, wherever parity runs: the same project, the same text
  const bundle = await bundleModule(file, { banner: EVALUATED_BANNER, workingDir: dirname(nodeModules) });
  if (!bundle || usesCommonJs(bundle.text) || /\bimport\.meta\b/.test(bundle.text) || computedImport(bundle.text)) return null;
  const text = bundle.text.startsWith(EVALUATED_BANNER) ? bundle.text.slice(EVALUATED_BANNER.length).replace(/^\n/, '') : bundle.text;
  // A module that imports only drizzle-orm runs as CommonJS, beside drizzle-kit's CommonJS API:
  // one drizzle-orm, loaded by require. Node 22 and 24 load drizzle-orm's ~450 ES modules slowly
  // (each reads its 180 KB package.json again): drizzle-kit's ES API took 1.0–1.5 s there, its
  // CommonJS one 0.2 s. A top-level await keeps it an ES module.
  if (bundle.imports.length > 0 && bundle.imports.every((specifier) => DRIZZLE_ORM.test(specifier)) && requirable(bundle.imports, nodeModules)) {
    const cjs = await asCommonJs(text);
    if (cjs) return { text: cjs, format: 'cjs', esm: text, imports: bundle.imports, nodeModules };
  }
  return { text, format: 'esm', esm: text, imports: bundle.imports, nodeModules };
}

/** drizzle-orm and its subpaths. */
export const DRIZZLE_ORM = /^drizzle-orm(\/|$)/;

/** Every specifier resolves by require from where the copy is written, as it does from the file. */
function requirable(specifiers: string[], nodeModules: string): boolean {
  const from = createRequire(join(nodeModules, '.cache', 'schema-parity', 'modules', 'copy.cjs'));
  try {
    for (const specifier of specifiers) from.resolve(specifier);
    return true;
  } catch {
    return false;
  }
}

let copies = 0;

/** What a child has, beyond the limit, to start (Node, then drizzle-kit's load) before it imports the module. */
const CHILD_START_MS = 30_000;

/**
 * The compiled module written under the nearest node_modules/.cache above the file, so that its
 * packages resolve from there as they do from the file; the caller removes it once the child
 * ends. Undefined when it cannot be written: the child then imports the file through tsx.
 */
function writeCopy(file: string, compiled: CompiledModule): string | undefined {
  try {
    const dir = join(compiled.nodeModules, '.cache', 'schema-parity', 'modules');
    mkdirSync(dir, { recursive: true });
    const copy = join(dir, `${basename(file).replace(/\.[^.]*$/, '')}.${process.pid}.${++copies}.${compiled.format === 'cjs' ? 'cjs' : 'mjs'}`);
    // CommonJS: after its "use strict" (which must come first), before the requires
    const text = compiled.format === 'cjs' ? compiled.text.replace(/^"use strict";\n/, `"use strict";\n${EVALUATED_BANNER}\n`) : `${EVALUATED_BANNER}\n${compiled.text}`;
    track({ copy });
    writeFileSync(copy, text);
    return copy;
  } catch {
    return undefined;
  }
}

/** The compiled copy inUserModuleProcess would write for the file, written (for tests of what it refuses); undefined where there is none. */
export async function compiledCopyOf(file: string): Promise<string | undefined> {
  const compiled = await compileUserModule(file);
  return compiled ? writeCopy(file, compiled) : undefined;
}

/**
 * An `import(…)` of anything but a string literal: esbuild bundles what a literal names, but a
 * computed path would be resolved from where the copy is, not from the file.
 */
function computedImport(text: string): boolean {
  return [...text.matchAll(/\bimport\s*\(/g)].some((m) => !/^\s*("[^"\\]*"|'[^'\\]*')\s*[),]/.test(text.slice(m.index! + m[0].length)));
}

function nearestNodeModules(dir: string): string | undefined {
  for (let at = dir; ; at = dirname(at)) {
    if (existsSync(join(at, 'node_modules'))) return join(at, 'node_modules');
    if (dirname(at) === at) return undefined;
  }
}

type ChildMessage =
  | { kind: 'result'; value: unknown }
  | { kind: 'error'; stage: 'import' | 'run'; message: string }
  | { kind: 'exit'; code: number | string }
  /** the child has imported drizzle-kit and starts on the module ('import'), or has imported it ('run') */
  | { kind: 'stage'; stage: 'import' | 'run' };

async function run<T>(task: UserModuleTask, file: string, compiled: string | undefined, cwd: string | undefined, limitMs: number): Promise<T> {
  const script = fileURLToPath(new URL('./user-module-child.mjs', import.meta.url));
  // loaded here, not with the module: every command that resolves sources imports this one, and
  // most start no child (a warm check, a snapshot of a url:)
  const { spawn } = await import('node:child_process');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, task, file, ...(compiled ? [compiled] : [])], { cwd, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    track({ child });
    // the limit is each stage's, from when the child says it starts it (importing the module, then
    // running the task); Node's start and drizzle-kit's load before it have a time of their own
    let stage: 'import' | 'run' = 'import';
    let timedOut = false;
    let timer: NodeJS.Timeout | undefined;
    const arm = (ms: number) => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, ms);
    };
    arm(limitMs + CHILD_START_MS);
    let printed = '';
    const relay = (chunk: Buffer) => {
      process.stderr.write(chunk);
      printed = (printed + chunk.toString('utf8')).slice(-4000);
    };
    child.stdout!.on('data', relay);
    child.stderr!.on('data', relay);
    let result: ChildMessage | undefined;
    let exitCall: ChildMessage | undefined;
    child.on('message', (message: ChildMessage) => {
      if (message.kind === 'exit') exitCall = message;
      else if (message.kind === 'stage') {
        stage = message.stage;
        arm(limitMs);
      }
      else result ??= message;
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      leftovers.children.delete(child);
      reject(new UserModuleError({ kind: 'spawn', message: error.message }, { cause: error }));
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      leftovers.children.delete(child);
      if (timedOut && !result) {
        return reject(new UserModuleError({ kind: 'threw', stage, message: stage === 'import' ? `it never finished importing (${importLimitText(limitMs)})` : `it did not finish (${importLimitText(limitMs)})` }));
      }
      if (result?.kind === 'result') return resolve(result.value as T);
      if (result?.kind === 'error') return reject(new UserModuleError({ kind: 'threw', stage: result.stage, message: result.message }));
      const lines = printed.split('\n').map((l) => l.trim()).filter(Boolean).slice(-3);
      const how = exitCall?.kind === 'exit' ? `called process.exit(${exitCall.code})` : signal ? `was ended by ${signal}` : `ended the process (exit code ${code})`;
      reject(new UserModuleError({ kind: 'ended', how, printed: lines }));
    });
  });
}
