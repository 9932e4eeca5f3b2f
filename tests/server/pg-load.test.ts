import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const PG_MODULE = join(import.meta.dirname, '..', '..', 'dist', 'harness', 'server', 'pg.js');

/** Loads pg through the harness in a fresh Node: which of Node's own modules that loaded, and what is left on globalThis. */
function loadPg(): { fetchLoaded: boolean; navigator: string; connects: boolean } {
  const script = `const { pgModule } = await import(${JSON.stringify(PG_MODULE)});
const before = typeof globalThis.navigator === 'object' ? globalThis.navigator.userAgent : 'none';
const pg = pgModule();
console.log(JSON.stringify({
  fetchLoaded: process.moduleLoadList.some((m) => m.includes('undici')),
  navigator: (typeof globalThis.navigator === 'object' ? globalThis.navigator.userAgent : 'none') === before ? 'unchanged' : 'changed',
  connects: typeof pg.Client === 'function' && typeof pg.Client.prototype.connect === 'function',
}));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }));
}

describe('loading pg', () => {
  // pg asks on load whether it runs in a Cloudflare Worker; where Node has no navigator (20), by
  // building a fetch Response, which loads all of Node's fetch (~20 ms of a command's start)
  it("does not load Node's fetch, and leaves globalThis as it was", () => {
    expect(loadPg()).toEqual({ fetchLoaded: false, navigator: 'unchanged', connects: true });
  });
});
