import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withClient } from '../../harness/server/connect.js';
import { createDatabase, dropDatabase } from '../../harness/server/databases.js';
import { startServer } from '../../harness/server/index.js';
import { SUPPORTED_MAJORS } from '../../harness/server/postgres-versions.js';
import { replayLegacy } from '../../harness/sources/legacy.js';
import { runMain } from '../cli/run-parity.js';
import { testServer } from '../support/scratch.js';

const ROOT = join(import.meta.dirname, '..', '..');

describe('PARITY_PG_MAJOR=N parity diff legacy url:<a server of N holding the legacy schema>', () => {
  it.each(SUPPORTED_MAJORS)('on %i: equal, exit 0', async (major) => {
    // the url database lives on the run's own server where it is of this major, else on one started for it
    const shared = testServer();
    const server = shared.major === major ? shared : await startServer({ provider: 'embedded', major });
    let name: string | undefined;
    try {
      name = await createDatabase(server, 'legacy on its major');
      await withClient(server.urlFor(name), (client) => replayLegacy(client, join(ROOT, 'migrations-legacy')));
      // in this process: the CLI starts (and stops) its own embedded server of N all the same
      const run = await runMain(['diff', 'legacy', `url:${server.urlFor(name)}`, '--no-cache'], { cwd: ROOT, env: { PARITY_PG_MAJOR: String(major) } });
      expect(run.stdout).toMatch(/^legacy and url:postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/\S+: equal$/m);
      expect(run.stdout + run.stderr).not.toMatch(/different PostgreSQL majors/);
      expect(run.code).toBe(0);
    } finally {
      if (server === shared) {
        if (name) await dropDatabase(server, name);
      } else await server.stop();
    }
  });
});
