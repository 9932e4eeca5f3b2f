// Imports a drizzle schema file and sends back the SQL drizzle-kit generates for it, in a process
// of its own: whatever the user's module does on import (process.exit, printing a banner, opening
// a connection) cannot end, or write into, the parity run that asked. Plain JavaScript so that it
// runs the same from sources and from dist.
// Usage: node schema-file-child.mjs <file.ts>, with an IPC channel; stdout/stderr are the module's.
import { pathToFileURL } from 'node:url';

const file = process.argv[2];
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
  const { tsImport } = await import('tsx/esm/api');
  const imports = await tsImport(pathToFileURL(file).href, import.meta.url);
  stage = 'generate';
  const statements = await generateMigration(generateDrizzleJson({}), generateDrizzleJson(imports));
  finished = true;
  process.send({ kind: 'sql', statements }, () => exit(0));
} catch (error) {
  finished = true;
  process.send({ kind: 'error', stage, message: error instanceof Error ? error.message : String(error) }, () => exit(1));
}
