import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPgDump } from '../../harness/dump/pg-dump.js';
import { dropDatabase } from '../../harness/server/databases.js';
import { dockerAnswers, dockerEndpoint, postgresImage } from '../../harness/server/docker.js';
import { listOurContainers } from '../../harness/server/docker-containers.js';
import { CONTAINER_LABEL } from '../../harness/server/docker.js';
import { startServer } from '../../harness/server/index.js';
import type { PostgresServer } from '../../harness/server/types.js';
import { runParity } from '../cli/run-parity.js';
import { buildProdStandin } from '../fixtures/prod-standin/build.js';
import { folderWith } from '../support/folders.js';

// Done-when of "every supported major": `parity nightly` against a production of major 17 runs to
// a verdict. Production is a PostgreSQL 17 container (Debian's postgresql-17 where .ci/run built
// the image: scripts/ci/postgres-image.sh); the pg_dump here is 15, so the dump comes from the 17
// image's pg_dump, and everything is built on a 17 container server. Needs a Docker daemon:
// skipped where none answers, a failure under PARITY_REQUIRE_DOCKER.
const endpoint = dockerEndpoint();
const daemon = await dockerAnswers(endpoint);
const ROOT = join(import.meta.dirname, '..', '..');
const MAJOR = 17;

it.runIf(Boolean(process.env.PARITY_REQUIRE_DOCKER))(`PARITY_REQUIRE_DOCKER: a Docker daemon answers, so the nightly against PostgreSQL ${MAJOR} below ran`, () => {
  expect(daemon, `no Docker daemon at ${endpoint.label}`).toBe(true);
});

describe.skipIf(!daemon)(`parity nightly against a production on PostgreSQL ${MAJOR} (container provider, ${postgresImage(MAJOR)})`, () => {
  let production: PostgresServer;
  let matching: { name: string; url: string };
  let drifted: { name: string; url: string };
  let before: string[];
  beforeAll(async () => {
    before = (await listOurContainers(endpoint)).map((c) => c.id);
    production = await startServer({ provider: 'container', major: MAJOR });
    matching = await buildProdStandin(production, { label: 'prod 17' });
    drifted = await buildProdStandin(production, { label: 'prod 17 drifted', drift: 'ALTER TABLE public.site_visits ADD COLUMN referrer text;' });
  }, 240_000);
  afterAll(async () => {
    if (matching) await dropDatabase(production, matching.name);
    if (drifted) await dropDatabase(production, drifted.name);
    await production?.stop();
  });

  /** The containers of ours started while `run` ran, as [role, image], from the daemon's event stream. */
  async function startedDuring<T>(run: () => Promise<T>): Promise<[T, string[][]]> {
    const filters = encodeURIComponent(JSON.stringify({ type: ['container'], event: ['start'], label: [CONTAINER_LABEL] }));
    let text = '';
    const stream = request({ socketPath: endpoint.socketPath, host: endpoint.host, port: endpoint.port, path: `/events?filters=${filters}` });
    await new Promise<void>((resolve, reject) => {
      stream.on('response', (res) => {
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        resolve();
      });
      stream.on('error', reject);
      stream.end();
    });
    try {
      const result = await run();
      await new Promise((resolve) => setTimeout(resolve, 500)); // the last event's line
      const events = text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { Actor: { Attributes: Record<string, string> } });
      return [result, events.map((e) => [e.Actor.Attributes[CONTAINER_LABEL]!, e.Actor.Attributes.image!]).sort()];
    } finally {
      stream.destroy();
    }
  }

  /** `npm run nightly` (scripts/nightly.mjs) as the nightly workflow runs it, on the container provider. */
  const nightly = (url: string, out: string) =>
    runParity([], {
      cwd: ROOT,
      script: 'scripts/nightly.mjs',
      env: { PROD_DATABASE_URL: url, NIGHTLY_OUT: out, PARITY_SERVER: 'container', PARITY_NO_CACHE: '1', PARITY_PG_MAJOR: undefined, PARITY_PG_DUMP: undefined, GITHUB_STEP_SUMMARY: undefined },
      timeout: 600_000,
    });

  it('production matches: dumped by pg_dump 17 (the 17 image\'s where no local one fits), legacy and baseline built on a 17 server, verdict equal (exit 0); no container left', async () => {
    const out = folderWith({});
    const [run, started] = await startedDuring(() => nightly(matching.url, out));
    expect(run.code, run.stdout + run.stderr).toBe(0);
    // the builds on a 17 server; pg_dump in the 17 image where no local one is 17 or newer (ours is 15)
    const localPgDump = await findPgDump(MAJOR).then(() => true, () => false);
    expect(started).toEqual([...(localPgDump ? [] : [['pg_dump', postgresImage(MAJOR)]]), ['server', postgresImage(MAJOR)]]);
    expect(run.stderr).toMatch(/production runs PostgreSQL 17: building on PostgreSQL 17, not 15 \(PARITY_PG_MAJOR would force one\)/);
    expect(run.stdout).toContain('verdict:\n  ✓ legacy = production (fresh dump)\n  ✓ baseline = production (fresh dump)\n');
    const dump = readFileSync(join(out, 'production.sql'), 'utf8');
    expect(dump).toMatch(/^-- Dumped from database version 17$/m);
    // the dump of 17 is the committed dump of 15 but for its major line
    expect(dump).toBe(readFileSync(join(ROOT, 'snapshots', 'production.sql'), 'utf8').replace(/^-- Dumped from database version 15$/m, '-- Dumped from database version 17'));
    // built on 17: a comparison across majors would say so in the report
    expect(readFileSync(join(out, 'drift-report.md'), 'utf8')).not.toMatch(/different PostgreSQL majors/);
    expect((await listOurContainers(endpoint)).map((c) => c.id).filter((id) => !before.includes(id))).toHaveLength(1); // production's only
  }, 600_000);

  it('one column added in production: verdict drift (exit 1), that column named for legacy and baseline, and nothing else', async () => {
    const out = folderWith({});
    const run = await nightly(drifted.url, out);
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toContain('verdict:\n  ✗ legacy ≠ production (fresh dump)\n  ✗ baseline ≠ production (fresh dump)\n');
    const added = 'public.site_visits\n  columns\n    + referrer text  (only in production (fresh dump))\n        ↳ ALTER TABLE public.site_visits DROP COLUMN referrer; (or add it to A)\n';
    expect(run.stdout.slice(run.stdout.indexOf('\n') + 1, run.stdout.indexOf('verdict:'))).toBe(
      `legacy vs production (fresh dump): 1 difference (1 drift, 0 cosmetic)\n\n${added}\nbaseline vs production (fresh dump): 1 difference (1 drift, 0 cosmetic)\n\n${added}\n`,
    );
    expect(readFileSync(join(out, 'production.sql'), 'utf8')).toMatch(/^-- Dumped from database version 17$/m);
  }, 600_000);
});
