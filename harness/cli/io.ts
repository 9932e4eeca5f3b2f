/** Where a stream of the CLI's output goes: a process stream, or a string in a test. */
export interface Output {
  write(text: string): unknown;
  /** A terminal: progress lines and colour. */
  isTTY?: boolean;
}

/**
 * What the CLI reads from and writes to the outside world. bin/parity.js passes the process's
 * own; tests pass strings to capture, so that most CLI tests run `main` in-process.
 */
export interface Io {
  stdout: Output;
  stderr: Output;
  env: NodeJS.ProcessEnv;
  /** Where parity runs: relative paths on the command line are from here. */
  cwd: string;
}

/** The process's streams, environment and working folder, with `io`'s parts instead where given. */
export function withProcessDefaults(io: Partial<Io> = {}): Io {
  return { stdout: io.stdout ?? process.stdout, stderr: io.stderr ?? process.stderr, env: io.env ?? process.env, cwd: io.cwd ?? process.cwd() };
}
