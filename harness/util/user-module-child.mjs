// Imports a user's module (a drizzle schema file, a drizzle-kit config) and sends back what parity
// needs of it, in a process of its own: whatever the module does on import (process.exit,
// printing a banner, opening a connection) cannot end, or write into, the parity run that asked.
// Plain JavaScript so that it runs the same from sources and from dist.
// Usage: node user-module-child.mjs <task> <file.ts> [<compiled.mjs|.cjs>], with an IPC channel;
// stdout/stderr are the module's. <compiled> is the file and its local imports as one module
// (esbuild-bundle.ts; CommonJS when it imports only drizzle-orm), written where the file's
// packages resolve from.
// Tasks: drizzle-sql (the SQL drizzle-kit generates from a schema file against an empty
// database), drizzle-config (the `schema` and `out` of a drizzle-kit config's default export).
import { realpathSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const [task, file, compiled] = process.argv.slice(2);
// set by the compiled module's first line: once it is set, the user's code has run
const EVALUATED = Symbol.for('schema-parity.user-module-evaluated');
// what Node says when an import does not resolve, found while linking, before any module runs
const UNRESOLVED = new Set(['ERR_MODULE_NOT_FOUND', 'ERR_PACKAGE_IMPORT_NOT_DEFINED', 'ERR_PACKAGE_PATH_NOT_EXPORTED', 'ERR_UNSUPPORTED_DIR_IMPORT']);

// a .cjs copy imports only drizzle-orm, by require (the parent checked each resolves so):
// drizzle-kit's CommonJS API is loaded beside it, with the same drizzle-orm
const commonJs = compiled?.endsWith('.cjs') ?? false;
const require = createRequire(import.meta.url);

/** The compiled module, or undefined where an import of it does not resolve from where it is written. */
async function importCompiled() {
  try {
    return commonJs ? require(compiled) : await import(pathToFileURL(compiled).href);
  } catch (error) {
    if (!globalThis[EVALUATED] && UNRESOLVED.has(error?.code)) return undefined;
    throw error;
  }
}

/** The module: its compiled copy, else through tsx's loader from the file's own folder, as it resolves there (a thread, and a second copy of each package in tsx's namespace: ~0.4 s of CPU more). */
async function importModule() {
  return (compiled && (await importCompiled())) ?? (await (await import('tsx/esm/api')).tsImport(pathToFileURL(file).href, import.meta.url));
}

const TASKS = {
  async 'drizzle-sql'(stage) {
    // drizzle-kit first: once tsx's loader is registered every module loads through its hooks
    // thread, and drizzle-kit's API is one large plain-JavaScript file (~0.1 s less this way)
    const { generateDrizzleJson, generateMigration } = commonJs ? require('drizzle-kit/api') : await import('drizzle-kit/api');
    stage('import');
    const imports = await importModule();
    stage('run');
    return generateMigration(generateDrizzleJson({}), generateDrizzleJson(imports));
  },
  async 'drizzle-config'(stage) {
    stage('import');
    const module = await importModule();
    stage('run');
    const value = module.default?.default ?? module.default;
    if (typeof value !== 'object' || value === null) throw new Error('it has no default export');
    // only what can be sent as it is: strings, and lists of them
    const strings = (v) => (typeof v === 'string' ? v : Array.isArray(v) ? v.filter((s) => typeof s === 'string') : undefined);
    return { schema: strings(value.schema), out: strings(value.out) };
  },
};

const exit = process.exit.bind(process);
let finished = false;
// Tell the parent the module asked to exit (and with what), then let it: code after the call
// must not run, as it would not have without us.
process.exit = (code) => {
  if (!finished) process.send?.({ kind: 'exit', code: code ?? process.exitCode ?? 0 });
  return exit(code);
};

// The parent gone (a SIGKILL: its own cleanup did not run): the compiled copy is removed, and this
// process ends, rather than run on, orphaned, with a module that never finishes. Polled, unref'd:
// a 'disconnect' listener would hold the IPC channel, and keep alive a child whose module awaits
// what never comes (which ends by itself, with exit code 13, and the parent says so).
const parent = process.ppid;
setInterval(() => {
  if (process.ppid === parent) return;
  if (compiled) rmSync(compiled, { force: true });
  exit(1);
}, 500).unref();

let stage = 'run';
try {
  const run = TASKS[task];
  if (!run) throw new Error(`unknown task ${task}`);
  // the parent times the child, and says which stage never finished
  const value = await run((next) => {
    stage = next;
    process.send?.({ kind: 'stage', stage });
  });
  finished = true;
  process.send({ kind: 'result', value }, () => exit(0));
} catch (error) {
  finished = true;
  const message = error instanceof Error ? error.message : String(error);
  // the compiled copy is ours: the user knows their file
  let told = message;
  for (const copy of compiled ? new Set([compiled, realpathSync(compiled)]) : []) told = told.replaceAll(pathToFileURL(copy).href, pathToFileURL(file).href).replaceAll(copy, file);
  process.send({ kind: 'error', stage, message: told }, () => exit(1));
}
