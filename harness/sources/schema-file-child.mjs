// Imports a drizzle schema file and sends back the SQL drizzle-kit generates for it, in a process
// of its own: whatever the user's module does on import (process.exit, printing a banner, opening
// a connection) cannot end, or write into, the parity run that asked. Plain JavaScript so that it
// runs the same from sources and from dist.
// Usage: node schema-file-child.mjs <file.ts> [<compiled.mjs>], with an IPC channel; stdout/stderr
// are the module's. <compiled.mjs> is the file and its local imports as one ES module
// (esbuild-bundle.ts), written where the file's packages resolve from.
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [file, compiled] = process.argv.slice(2);
// set by the compiled module's first line: once it is set, the user's code has run
const EVALUATED = Symbol.for('schema-parity.schema-module-evaluated');
// what Node says when an import does not resolve, found while linking, before any module runs
const UNRESOLVED = new Set(['ERR_MODULE_NOT_FOUND', 'ERR_PACKAGE_IMPORT_NOT_DEFINED', 'ERR_PACKAGE_PATH_NOT_EXPORTED', 'ERR_UNSUPPORTED_DIR_IMPORT']);

/** The compiled module, or undefined where an import of it does not resolve from where it is written. */
async function importCompiled() {
  try {
    return await import(pathToFileURL(compiled).href);
  } catch (error) {
    if (!globalThis[EVALUATED] && UNRESOLVED.has(error?.code)) return undefined;
    throw error;
  }
}
const exit = process.exit.bind(process);
let finished = false;
// Tell the parent the module asked to exit (and with what), then let it: code after the call
// must not run, as it would not have without us.
process.exit = (code) => {
  if (!finished) process.send?.({ kind: 'exit', code: code ?? process.exitCode ?? 0 });
  return exit(code);
};

let stage = 'generate';
try {
  // drizzle-kit first: once tsx's loader is registered every module loads through its hooks
  // thread, and drizzle-kit's API is one large plain-JavaScript file (~0.1 s less this way)
  const { generateDrizzleJson, generateMigration } = await import('drizzle-kit/api');
  stage = 'import';
  // else through tsx's loader, from the file's own folder, as it resolves there (a thread, and a
  // second copy of each package in tsx's namespace: ~0.4 s of CPU more)
  const imports = (compiled && (await importCompiled())) ?? (await (await import('tsx/esm/api')).tsImport(pathToFileURL(file).href, import.meta.url));
  stage = 'generate';
  const statements = await generateMigration(generateDrizzleJson({}), generateDrizzleJson(imports));
  finished = true;
  process.send({ kind: 'sql', statements }, () => exit(0));
} catch (error) {
  finished = true;
  const message = error instanceof Error ? error.message : String(error);
  // the compiled copy is ours: the user knows their file
  let told = message;
  for (const copy of compiled ? new Set([compiled, realpathSync(compiled)]) : []) told = told.replaceAll(pathToFileURL(copy).href, pathToFileURL(file).href).replaceAll(copy, file);
  process.send({ kind: 'error', stage, message: told }, () => exit(1));
}
