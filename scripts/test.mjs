// npm test: the build, then the type check and the test suite side by side. The suite spends part
// of its time waiting (on PostgreSQL, on the processes it starts); the type check uses that CPU
// instead of running before it. Each one's result is reported; either failing fails the run.
// Arguments go to vitest (npm test -- tests/cli).
import { execFileSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const node = (args, stdio) => spawn(process.execPath, args, { cwd: root, stdio });
const exitCode = (child) => new Promise((resolve) => child.once('close', (code, signal) => resolve(code ?? (signal ? 1 : 0))));

// the build without its own type check: the type check below covers harness/ and the tests
execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--transpile-only'], { cwd: root, stdio: 'inherit' });
// the type check's output is held back and printed after the suite's, not interleaved with it
// incremental: a run after a change re-checks what the change can affect (~5 s of CPU instead of ~13)
const buildInfo = join(root, 'node_modules', '.cache', 'schema-parity', 'typecheck.tsbuildinfo');
const tsc = node([require.resolve('typescript/bin/tsc'), '--noEmit', '-p', join(root, 'tsconfig.json'), '--incremental', '--tsBuildInfoFile', buildInfo], ['ignore', 'pipe', 'pipe']);
let checked = '';
tsc.stdout.on('data', (chunk) => (checked += chunk));
tsc.stderr.on('data', (chunk) => (checked += chunk));
const vitest = node([join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...process.argv.slice(2)], 'inherit');
const [tscCode, vitestCode] = await Promise.all([exitCode(tsc), exitCode(vitest)]);
process.stdout.write(tscCode === 0 ? 'tsc --noEmit: no type errors\n' : `tsc --noEmit: type errors (exit ${tscCode}):\n${checked}`);
process.exit(tscCode !== 0 ? tscCode : vitestCode);
