import { describe, expect, it } from 'vitest';
import { runMain } from './run-parity.js';

// Each refused before anything loads or builds (no config, no server here): exit 2, what is wrong
describe('command-line arguments a command cannot use are refused, never ignored', () => {
  it.each([
    [['check', 'extra-arg'], 'parity check: takes no arguments (got extra-arg): it works on the sources of parity.config.ts'],
    [['refresh', 'legacy'], 'parity refresh: takes no arguments (got legacy): it works on the sources of parity.config.ts'],
    [['nightly', 'a', 'b'], 'parity nightly: takes no arguments (got a, b): it works on the sources of parity.config.ts'],
    [['snapshot', 'snapshot:a.json', '-o', 'a.json', '-o', 'b.json'], 'parity snapshot: --output given twice (a.json, b.json): give it once'],
    [['snapshot', 'snapshot:a.json', '-o', ''], 'parity snapshot: --output needs a value'],
    [['diff', 'a', 'b', '--format', 'text', '--format', 'json'], 'parity diff: --format given twice (text, json): give it once'],
  ])('parity %j', async (args, message) => {
    const run = await runMain(args);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe(message);
  });
});
