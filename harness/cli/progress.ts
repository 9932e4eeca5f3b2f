import type { Output } from './io.js';

/** Progress lines on stderr for steps that take time; silent when stderr is not a TTY or with --quiet. */
export interface Progress {
  step<T>(label: string, run: () => Promise<T>): Promise<T>;
  line(text: string): void;
}

export function progress(enabled: boolean, stderr: Output = process.stderr): Progress {
  const line = (text: string) => {
    if (enabled) stderr.write(`${text}\n`);
  };
  return {
    line,
    async step(label, run) {
      const started = performance.now();
      line(`… ${label}`);
      const result = await run();
      line(`✓ ${label} (${Math.round(performance.now() - started)} ms)`);
      return result;
    },
  };
}
