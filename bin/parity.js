#!/usr/bin/env node
// The `parity` command runs compiled JavaScript (built by `npm install` through the prepare script).
import { existsSync } from 'node:fs';

// the bundled CLI (scripts/build.mjs); the library is dist/harness
const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('parity: dist/ is missing. Run "npm install" (or "npm run build") in the schema-parity folder first.\n');
  process.exit(2);
}
const { main } = await import(entry.href);
// main is the CLI as a function: it gets the real streams, env and folder here, and returns the exit code
const code = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() });
// Exit explicitly: a dependency's exit hook would otherwise turn a drift (1) into 0. But only once
// stdout and stderr have handed everything on: process.exit drops what a pipe has not taken yet (a
// pipe takes 64 KB at a time, and `parity snapshot … | jq` gets megabytes), or once they failed
// to (the reader went away: EPIPE), which changes nothing about the verdict.
await Promise.all([process.stdout, process.stderr].map((stream) => new Promise((resolve) => {
  stream.once('error', resolve);
  stream.write('', resolve);
})));
process.exit(code);
