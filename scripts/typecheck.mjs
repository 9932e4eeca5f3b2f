// The type check npm test runs beside the build and the suite (scripts/test.mjs): tsc's build
// mode on the project's tsconfig.json, whose tsBuildInfoFile keeps its state. When no file of the
// project changed since the last check, tsc says so and checks nothing (~0.3 s of CPU instead of
// ~5); after a change it re-checks what the change can affect (incremental: ~5 s instead of ~13).
// tsc compares the project's own files only (their times, then their text): not the packages'
// types, and not which program wrote its state. So the state is dropped, and all is checked again, after an install
// (npm writes node_modules/.package-lock.json each time) and when anything else wrote it since
// this check last ran (a build whose config extends this one and keeps its state there: its
// program of some of the files would pass for a check of them all).
import { closeSync, openSync, readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const require = createRequire(import.meta.url);

const mtime = (file) => {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
};

/**
 * Starts the type check of the project in `root` (its tsconfig.json must name a tsBuildInfoFile).
 * Returns the tsc process (to lower its priority or kill it) and its result: the exit code, what
 * tsc printed, and whether it found nothing changed since the last check.
 */
export function startTypeCheck(root) {
  const config = JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8'));
  const buildInfo = config.compilerOptions?.tsBuildInfoFile;
  if (!buildInfo) throw new Error(`${join(root, 'tsconfig.json')}: compilerOptions.tsBuildInfoFile is not set: the type check keeps its state there`);
  const state = resolve(root, buildInfo);
  // touched when a check of ours ends: the state is ours if it is not newer
  const ours = `${state}.checked`;
  const written = mtime(state);
  const installedSince = () => [join(root, 'node_modules', '.package-lock.json'), join(root, 'package-lock.json')].some((file) => (mtime(file) ?? 0) > written);
  if (written !== undefined && (written > (mtime(ours) ?? 0) || installedSince())) rmSync(state);
  const tsc = spawn(process.execPath, [require.resolve('typescript/bin/tsc'), '--build', '--verbose', join(root, 'tsconfig.json')], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  tsc.stdout.on('data', (chunk) => (output += chunk));
  tsc.stderr.on('data', (chunk) => (output += chunk));
  const done = new Promise((resolve) =>
    tsc.once('close', (code, signal) => {
      try {
        closeSync(openSync(ours, 'a'));
        const now = new Date();
        utimesSync(ours, now, now);
      } catch {
        /* no state folder (tsc failed before writing): the next check starts afresh */
      }
      // --verbose says whether it checked: "Project … is up to date because newest input … is older
      // than …", or "… is up to date but needs to update timestamps …" (a file touched, its text the same)
      resolve({ code: code ?? (signal ? 1 : 0), output, unchanged: code === 0 && / is up to date (because|but needs to update timestamps) /.test(output) });
    }),
  );
  return { tsc, done };
}
