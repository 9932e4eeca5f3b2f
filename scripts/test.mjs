// npm test: the type check side by side with the build, then with the test suite. The build and
// the suite's waits (on PostgreSQL, on the processes it starts) leave CPU idle; the type check uses
// it instead of running before or after them. It reads no file the build writes (dist/ is not in
// its program). Each one's result is reported; either failing fails the run. Arguments go to
// vitest (npm test -- tests/cli).
import { spawn } from 'node:child_process';
import { setPriority } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const node = (args, stdio) => spawn(process.execPath, args, { cwd: root, stdio });
const exitCode = (child) => new Promise((resolve) => child.once('close', (code, signal) => resolve(code ?? (signal ? 1 : 0))));

// the type check's output is held back and printed after the suite's, not interleaved with it
// incremental: a run after a change re-checks what the change can affect (~5 s of CPU instead of ~13)
const buildInfo = join(root, 'node_modules', '.cache', 'schema-parity', 'typecheck.tsbuildinfo');
const tsc = node([require.resolve('typescript/bin/tsc'), '--noEmit', '-p', join(root, 'tsconfig.json'), '--incremental', '--tsBuildInfoFile', buildInfo], ['ignore', 'pipe', 'pipe']);
// at the lowest priority: it takes the CPU the suite leaves idle (waiting on PostgreSQL, on the
// processes it starts) instead of slowing the suite down, which is the longer of the two
// (measured, 4 runs each: 60–62 s instead of 63–66 s of npm test's wall time)
try {
  setPriority(tsc.pid, 19);
} catch {
  // a system that will not lower it: the check runs at the same priority, as before
}
let checked = '';
tsc.stdout.on('data', (chunk) => (checked += chunk));
tsc.stderr.on('data', (chunk) => (checked += chunk));
const tscDone = exitCode(tsc);
// the build without its own type check: the one above covers harness/ and the tests
const built = await exitCode(node([join(root, 'scripts', 'build.mjs'), '--transpile-only'], 'inherit'));
if (built !== 0) {
  tsc.kill();
  await tscDone;
  process.exit(built);
}
const vitest = node([join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...process.argv.slice(2)], 'inherit');
const [tscCode, vitestCode] = await Promise.all([tscDone, exitCode(vitest)]);
process.stdout.write(tscCode === 0 ? 'tsc --noEmit: no type errors\n' : `tsc --noEmit: type errors (exit ${tscCode}):\n${checked}`);
process.exit(tscCode !== 0 ? tscCode : vitestCode);
