import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as api from '../harness/index.js';
import { testServer } from './support/scratch.js';

const README = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');

describe('README', () => {
  it('the TypeScript example uses only names the package exports', () => {
    const example = /```ts\nimport \{([^}]+)\} from 'schema-parity';/.exec(README);
    expect(example).not.toBeNull();
    const names = example![1]!.split(',').map((n) => n.trim()).filter(Boolean);
    for (const name of names) expect(api, `README imports ${name}`).toHaveProperty(name);
  });

  it('runs the TypeScript example against a real server', async () => {
    const block = /```ts\n(import \{[^}]+\} from 'schema-parity';[\s\S]*?)```/.exec(README)![1]!;
    const body = block.replace(/^import .*$/m, '').replace("legacySource('migrations')", `legacySource(${JSON.stringify(join(import.meta.dirname, '..', 'migrations-legacy'))})`);
    const run = new Function(...Object.keys(api), `return (async () => { ${body}; return snapshot; })();`) as (...args: unknown[]) => Promise<api.Snapshot>;
    // startServer() as the example calls it, given the run's server as users give theirs (url
    // provider): the embedded start it would do otherwise is tested in tests/server
    const saved = process.env.PARITY_DATABASE_URL;
    process.env.PARITY_DATABASE_URL = testServer().adminUrl;
    let snapshot: api.Snapshot;
    try {
      snapshot = await run(...Object.values(api));
    } finally {
      if (saved === undefined) delete process.env.PARITY_DATABASE_URL;
      else process.env.PARITY_DATABASE_URL = saved;
    }
    expect(snapshot.tables.map((t) => t.name)).toContain('requests');
  });

  it('names the two set-up commands and the test command that .ci/run runs', () => {
    expect(README).toContain('```sh\nnpm install && npx parity check\n```');
    expect(README).toContain('```sh\nnpm test\n```');
    const ci = readFileSync(join(import.meta.dirname, '..', '.ci', 'run'), 'utf8');
    expect(ci).toMatch(/^npm ci$/m);
    expect(ci).toMatch(/^npm test$/m);
  });
});
