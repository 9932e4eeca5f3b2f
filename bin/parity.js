#!/usr/bin/env node
// The `parity` command runs compiled JavaScript (built by `npm install` through the prepare script).
//
// Its exit code is its verdict: 0 equal / done, 1 drift, 2 an error. This file is the only place
// that exits, so that nothing else running in the process — the user's parity.config.ts, a
// library, a timer of theirs — can decide it: a `setTimeout(() => process.exit(0))` in a config
// once became "equal", an uncaught exception Node's default 1, "drift". So, before anything else
// is loaded: the real exits are kept here, and the public ones refuse (exit 2).
import { existsSync } from 'node:fs';

const realExit = process.exit;
const realReallyExit = process.reallyExit;
/** The code parity is exiting with, once it is: from then on, nothing changes it. */
let exiting;

/**
 * Exits with `code`, whatever 'exit' listeners do: they run (Node's process.exit emits 'exit'),
 * but what they set in process.exitCode, or pass to an exit they call, is not the code.
 */
function exitWith(code) {
  exiting ??= code;
  try {
    realExit.call(process, exiting);
  } finally {
    // what Node's exit ends with, with our code rather than process.exitCode (an 'exit' listener's)
    realReallyExit.call(process, exiting);
  }
}

/** One line on stderr, secrets masked (by the CLI's maskSecretsIn once it is loaded; before, a URL's password), and exit 2. */
let mask = (text) => text.replace(/(:\/\/[^\s:@/]*:)[^\s@]*@/g, '$1***@');
function fail(message) {
  if (exiting !== undefined) return;
  process.stderr.write(`parity: ${mask(message)}\n`);
  exitWith(2);
}

// process.exit and process.reallyExit (which process.exit calls, and which some code calls
// directly): from anything else, an error; while parity exits, from an 'exit' listener, ignored
for (const name of ['exit', 'reallyExit']) {
  process[name] = function refused(code) {
    if (exiting !== undefined) return;
    fail(`${caller()} called process.${name}(${code ?? ''}) while parity was running: a verdict cannot come from there`);
  };
}

/** Where the refused call came from: the first frame of the stack that is not this file's nor Node's. */
function caller() {
  const frames = (new Error().stack ?? '').split('\n').slice(1).map((line) => line.trim().replace(/^at\s+/, ''));
  const own = new URL(import.meta.url).pathname;
  const frame = frames.find((f) => !f.includes(own) && !f.includes(import.meta.url) && !/\bnode:/.test(f));
  return frame ? `code at ${frame.replace(/^.*\((.*)\)$/, '$1')}` : 'code outside parity';
}

// an error nobody caught, wherever it was thrown: an error of the run (2), in one line
const firstLine = (error) => String(error instanceof Error ? error.message || error.name : error).split('\n')[0];
const thrownAt = (error) => {
  const frame = error instanceof Error ? error.stack?.split('\n').find((line) => /^\s+at /.test(line)) : undefined;
  return frame ? ` (${frame.trim()})` : '';
};
// a reader that went away (`parity check | head -1`): what is left to print goes nowhere, and the
// verdict stands; any other failure to write is an error
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error?.code !== 'EPIPE') fail(`cannot write to ${stream === process.stdout ? 'stdout' : 'stderr'}: ${firstLine(error)}`);
  });
}
process.on('uncaughtException', (error) => fail(`uncaught exception: ${firstLine(error)}${thrownAt(error)}`));
process.on('unhandledRejection', (error) => fail(`unhandled rejection: ${firstLine(error)}${thrownAt(error)}`));

// The event loop ran dry while the command has not finished: whatever it awaits can never happen,
// and Node would exit with process.exitCode (anyone's) or 13. One more turn first, for what
// reacts to this event (a config that never finished loading is told so, naming the file).
let drained = false;
process.on('beforeExit', () => {
  if (exiting !== undefined) return;
  if (drained) fail('the run stopped before it finished: it waits for something that never happens');
  drained = true;
  setImmediate(() => {});
});

// the bundled CLI (scripts/build.mjs); the library is dist/harness
const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('parity: dist/ is missing. Run "npm install" (or "npm run build") in the schema-parity folder first.\n');
  exitWith(2);
}
const cli = await import(entry.href);
mask = cli.maskSecretsIn ?? mask;
const { main } = cli;
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
exitWith(code);
