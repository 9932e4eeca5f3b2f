import { execFile } from 'node:child_process';
import { join } from 'node:path';

export const PARITY_BIN = join(import.meta.dirname, '..', '..', 'bin', 'parity.js');

export interface ParityRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real `parity` bin (compiled dist/, as users run it) in `cwd`. */
export function runParity(args: string[], options: { cwd?: string; env?: Record<string, string | undefined>; script?: string } = {}): Promise<ParityRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [options.script ? join(options.cwd ?? process.cwd(), options.script) : PARITY_BIN, ...args],
      { cwd: options.cwd, env: { ...process.env, PARITY_SERVER: undefined, PARITY_DATABASE_URL: undefined, ...options.env }, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
