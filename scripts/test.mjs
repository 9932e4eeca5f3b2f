// npm test: the type check side by side with the build, then with the test suite. The build and
// the suite's waits (on PostgreSQL, on the processes it starts) leave CPU idle; the type check uses
// it instead of running before or after them. It reads no file the build writes (dist/ is not in
// its program). Each one's result is reported; either failing fails the run. Arguments go to
// vitest (npm test -- tests/cli).
import { spawn } from 'node:child_process';
import { setPriority } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTypeCheck } from './typecheck.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const node = (args, stdio) => spawn(process.execPath, args, { cwd: root, stdio });
const exitCode = (child) => new Promise((resolve) => child.once('close', (code, signal) => resolve(code ?? (signal ? 1 : 0))));

// the type check (scripts/typecheck.mjs): its output is held back and printed after the suite's,
// not interleaved with it
const { tsc, done: tscDone } = startTypeCheck(root);
// at the lowest priority: it takes the CPU the suite leaves idle (waiting on PostgreSQL, on the
// processes it starts) instead of slowing the suite down, which is the longer of the two
// (measured, 4 runs each: 60–62 s instead of 63–66 s of npm test's wall time)
try {
  setPriority(tsc.pid, 19);
} catch {
  // a system that will not lower it: the check runs at the same priority, as before
}
// the build without its own type check: the one above covers harness/ and the tests
const built = await exitCode(node([join(root, 'scripts', 'build.mjs'), '--transpile-only'], 'inherit'));
if (built !== 0) {
  tsc.kill();
  await tscDone;
  process.exit(built);
}
const vitest = node([join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...process.argv.slice(2)], 'inherit');
const [checked, vitestCode] = await Promise.all([tscDone, exitCode(vitest)]);
process.stdout.write(
  checked.code === 0 ? `tsc --build: no type errors${checked.unchanged ? ' (no file of the project changed since the last check)' : ''}\n` : `tsc --build: type errors (exit ${checked.code}):\n${checked.output}`,
);
process.exit(checked.code !== 0 ? checked.code : vitestCode);
