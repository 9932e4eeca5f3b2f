import { execFile } from 'node:child_process';
import { join } from 'node:path';

export const PARITY_BIN = join(import.meta.dirname, '..', '..', 'bin', 'parity.js');

export interface ParityRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real `parity` bin (compiled dist/, as users run it) in `cwd`. */
export function runParity(args: string[], options: { cwd?: string; env?: Record<string, string | undefined>; script?: string; timeout?: number } = {}): Promise<ParityRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [options.script ? join(options.cwd ?? process.cwd(), options.script) : PARITY_BIN, ...args],
      { cwd: options.cwd, env: { ...process.env, PARITY_SERVER: undefined, PARITY_DATABASE_URL: undefined, ...options.env }, timeout: options.timeout ?? 120_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/**
 * Runs `parity` in this process: `main(args, io)` with stdout and stderr captured into strings,
 * for the tests that check only output and exit codes (no process start: most CLI tests).
 * Layers below the CLI still read process.env and process.cwd(), so for the run the process's
 * env has `env` applied and its folder is `cwd`; both are restored after it, and the secrets the
 * run registered (harness/util/redact.ts) are forgotten. (Tests that need
 * a process of their own — signals, the bin wrapper, --help as users run it — use runParity.)
 */
export async function runMain(args: string[], options: { cwd?: string; env?: Record<string, string | undefined> } = {}): Promise<ParityRun> {
  const { main } = await import('../../harness/cli/main.js');
  // a run's secrets (registered by main, process-wide) must not mask the next run's output
  const forgetSecrets = (await import('../../harness/util/redact.js')).secretsScope();
  const savedEnv = { ...process.env };
  const savedCwd = process.cwd();
  for (const [key, value] of Object.entries({ PARITY_SERVER: undefined, PARITY_DATABASE_URL: undefined, ...options.env })) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  const cwd = options.cwd ?? savedCwd;
  let stdout = '';
  let stderr = '';
  try {
    process.chdir(cwd);
    const code = await main(args, { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) }, env: process.env, cwd });
    return { code, stdout, stderr };
  } finally {
    forgetSecrets();
    process.chdir(savedCwd);
    for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
    Object.assign(process.env, savedEnv);
  }
}
