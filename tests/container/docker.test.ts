import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dumpInContainer } from '../../harness/dump/container-pg-dump.js';
import { findPgDump } from '../../harness/dump/pg-dump.js';
import { sanitizeDump } from '../../harness/dump/sanitize.js';
import { withClient, serverMajor } from '../../harness/server/connect.js';
import { dropDatabase } from '../../harness/server/databases.js';
import { CONTAINER_LABEL, dockerAnswers, dockerEndpoint, postgresImage } from '../../harness/server/docker.js';
import { dockerApi, listOurContainers, OWNER_PID_LABEL } from '../../harness/server/docker-containers.js';
import { configuredMajor, startServer } from '../../harness/server/index.js';
import type { PostgresServer } from '../../harness/server/types.js';
import { buildDatabase } from '../../harness/sources/build.js';
import { legacySource } from '../../harness/sources/legacy.js';
import { runParity } from '../cli/run-parity.js';
import { buildProdStandin } from '../fixtures/prod-standin/build.js';
import { rejectionOf } from '../support/errors.js';
import { folderWith } from '../support/folders.js';
import { testServer } from '../support/scratch.js';

// These run wherever a Docker daemon answers (.ci/run starts one: scripts/ci/docker.sh). Where none
// does they are skipped — unless PARITY_REQUIRE_DOCKER is set, and then that is a failure.
const endpoint = dockerEndpoint();
const daemon = await dockerAnswers(endpoint);
const ROOT = join(import.meta.dirname, '..', '..');
// .ci/run runs this file on 15 and on 17 (PARITY_PG_MAJOR), each with its own image
const MAJOR = configuredMajor();
/** The committed dump (taken on 15) as pg_dump writes it from a server of MAJOR: only its major line differs. */
const committedDump = () => readFileSync(join(ROOT, 'snapshots', 'production.sql'), 'utf8').replace(/^-- Dumped from database version 15$/m, `-- Dumped from database version ${MAJOR}`);

it.runIf(Boolean(process.env.PARITY_REQUIRE_DOCKER))('PARITY_REQUIRE_DOCKER: a Docker daemon answers, so the container tests below ran', () => {
  expect(daemon, `no Docker daemon at ${endpoint.label}`).toBe(true);
});

const ours = async () => (await listOurContainers(endpoint)).map((c) => c.id);
const CHILD = join(import.meta.dirname, '..', 'fixtures', 'start-container-child.ts');

/** Starts a container server in a child Node process; resolves with its pid once the server is up. */
function startInChild(): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('ready\n')) resolve(child.pid!);
    });
    child.on('exit', (code) => reject(new Error(`child exited (${code}) before the server was ready: ${out}`)));
  });
}

describe.skipIf(!daemon)('container provider on a real Docker daemon', () => {
  let server: PostgresServer;
  let before: string[];
  beforeAll(async () => {
    before = await ours();
    server = await startServer({ provider: 'container' });
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('runs the configured major and labels its container', async () => {
    expect(server.provider).toBe('container');
    expect(await withClient(server.adminUrl, (client) => serverMajor(client))).toBe(MAJOR);
    const running = (await listOurContainers(endpoint)).filter((c) => !before.includes(c.id));
    expect(running.map((c) => [c.state, c.labels[CONTAINER_LABEL], c.labels[OWNER_PID_LABEL]])).toEqual([['running', 'server', String(process.pid)]]);
  });

  it('builds the legacy chain into the committed legacy snapshot (the embedded server made that file)', async () => {
    const built = await buildDatabase(server, legacySource(join(ROOT, 'migrations-legacy')));
    try {
      await expect(`url:${built.url}`).toMatchCatalog(`snapshot:${join(ROOT, 'snapshots', 'legacy.snapshot.json')}`, { strict: true });
    } finally {
      await built.drop();
    }
  });

  it('parity check on the container server: every source builds there and agrees with the committed snapshots; nothing left running', async () => {
    const run = await runParity(['check', '--quiet'], { cwd: ROOT, env: { PARITY_SERVER: 'container', PARITY_NO_CACHE: '1' } });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('✓ legacy = baseline');
    expect(run.stdout).toContain('✓ legacy = production');
    expect((await ours()).filter((id) => !before.includes(id))).toHaveLength(1); // only this suite's server
  }, 180_000);

  it('stop() removes the container', async () => {
    const other = await startServer({ provider: 'container' });
    expect((await ours()).filter((id) => !before.includes(id))).toHaveLength(2);
    await other.stop();
    await other.stop(); // twice is safe
    expect((await ours()).filter((id) => !before.includes(id))).toHaveLength(1);
  }, 180_000);

  it('an image that is not there gives an error naming it and what to do', async () => {
    const previous = process.env.PARITY_CONTAINER_IMAGE;
    process.env.PARITY_CONTAINER_IMAGE = 'schema-parity/not-built:15';
    try {
      const error = await rejectionOf(startServer({ provider: 'container' }));
      expect(error.message).toMatch(/^the container provider could not start schema-parity\/not-built:15 at .*: .*name it in PARITY_CONTAINER_IMAGE\.$/s);
    } finally {
      if (previous === undefined) delete process.env.PARITY_CONTAINER_IMAGE;
      else process.env.PARITY_CONTAINER_IMAGE = previous;
    }
  }, 180_000);

  it('a container that dies at start is removed, not left behind', async () => {
    // an image of the server's container whose entrypoint exits at once
    const [server0] = (await listOurContainers(endpoint)).filter((c) => !before.includes(c.id));
    const broken = 'schema-parity/exits-at-start:15';
    await dockerApiPost(`/commit?container=${server0!.id}&repo=schema-parity/exits-at-start&tag=15&changes=${encodeURIComponent('ENTRYPOINT ["/bin/false"]')}`);
    const previous = process.env.PARITY_CONTAINER_IMAGE;
    process.env.PARITY_CONTAINER_IMAGE = broken;
    try {
      const error = await rejectionOf(startServer({ provider: 'container' }));
      expect(error.message).toMatch(/^the container provider could not start schema-parity\/exits-at-start:15 at /);
      expect((await ours()).filter((id) => !before.includes(id))).toHaveLength(1); // only the suite's own server
    } finally {
      if (previous === undefined) delete process.env.PARITY_CONTAINER_IMAGE;
      else process.env.PARITY_CONTAINER_IMAGE = previous;
      await dockerApiDelete(`/images/${encodeURIComponent(broken)}?force=1`);
    }
  }, 180_000);

  it("the container of a SIGKILLed run is removed by the next start (where ryuk does not run)", async () => {
    const pid = await startInChild();
    const orphan = (await listOurContainers(endpoint)).find((c) => c.labels[OWNER_PID_LABEL] === String(pid));
    expect(orphan?.state).toBe('running');
    process.kill(pid, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const next = await startServer({ provider: 'container' });
    try {
      expect(await ours()).not.toContain(orphan!.id);
    } finally {
      await next.stop();
    }
  }, 180_000);
});

describe.skipIf(!daemon)('pg_dump inside a container', () => {
  const server = testServer();
  let standin: { name: string; url: string };
  beforeAll(async () => {
    standin = await buildProdStandin(server, { label: 'prod for container pg_dump' });
  });
  afterAll(async () => {
    if (standin) await dropDatabase(server, standin.name);
  });

  it('dumps the stand-in to the committed production.sql (but for the major it names), and leaves no container behind', async () => {
    const before = (await ours()).length;
    const text = sanitizeDump(await dumpInContainer(server.major, standin.url));
    expect(text).toBe(committedDump());
    expect(await ours()).toHaveLength(before);
  }, 180_000);

  it('parity dump with PARITY_PG_DUMP=container writes the same file and never prints the password', async () => {
    const out = join(folderWith({}), 'production.sql');
    const run = await runParity(['dump', '-o', out], { cwd: ROOT, env: { PROD_DATABASE_URL: standin.url, PARITY_PG_DUMP: 'container' } });
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(committedDump());
    const password = decodeURIComponent(new URL(standin.url).password);
    expect(password.length).toBeGreaterThan(0);
    expect(run.stdout + run.stderr).not.toContain(password);
  }, 180_000);

  it("a wrong password: pg_dump in the container fails with the server's words and no secret", async () => {
    const wrong = new URL(standin.url);
    wrong.password = 'Sup3rSecretWrong';
    const error = await rejectionOf(dumpInContainer(server.major, wrong.toString()));
    expect(error.message).toMatch(/^pg_dump \(in .+\) failed: .*password authentication failed/s);
    expect(error.message).not.toContain('Sup3rSecretWrong');
  }, 180_000);
});

// Done-when of "every supported major": `parity nightly` against a production of major 17 runs to
// a verdict. Production is a PostgreSQL 17 container (Debian's postgresql-17 where .ci/run built
// the image: scripts/ci/postgres-image.sh); where no local pg_dump is 17 or newer (ours is 15) the
// dump comes from the 17 image's pg_dump, and everything is built on a 17 container server. In this
// file, after the suites above, so that no other container of ours starts while it runs.
const PRODUCTION = 17;

describe.skipIf(!daemon)(`parity nightly against a production on PostgreSQL ${PRODUCTION} (container provider, ${postgresImage(PRODUCTION)})`, () => {
  let production: PostgresServer;
  let matching: { name: string; url: string };
  let drifted: { name: string; url: string };
  let before: string[];
  beforeAll(async () => {
    before = (await listOurContainers(endpoint)).map((c) => c.id);
    production = await startServer({ provider: 'container', major: PRODUCTION });
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
    const localPgDump = await findPgDump(PRODUCTION).then(() => true, () => false);
    expect(started).toEqual([...(localPgDump ? [] : [['pg_dump', postgresImage(PRODUCTION)]]), ['server', postgresImage(PRODUCTION)]]);
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

  it('parity dump on the embedded provider: no local pg_dump 17, so the 17 image\'s pg_dump writes the dump (local, then the container)', async () => {
    const localPgDump = await findPgDump(PRODUCTION).then(() => true, () => false);
    const out = join(folderWith({}), 'production.sql');
    const [run, started] = await startedDuring(() =>
      runParity(['dump', '-o', out], { cwd: ROOT, env: { PROD_DATABASE_URL: matching.url, PARITY_SERVER: undefined, PARITY_PG_MAJOR: undefined, PARITY_PG_DUMP: undefined }, timeout: 300_000 }),
    );
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(started).toEqual(localPgDump ? [] : [['pg_dump', postgresImage(PRODUCTION)]]);
    expect(readFileSync(out, 'utf8')).toMatch(/^-- Dumped from database version 17$/m);
    expect(run.stdout + run.stderr).not.toContain(decodeURIComponent(new URL(matching.url).password));
  }, 300_000);

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

async function dockerApiCall(method: string, path: string): Promise<void> {
  const { status, body } = await dockerApi(endpoint, method, path, 120_000);
  if (status >= 300) throw new Error(`${method} ${path}: ${status} ${body}`);
}
const dockerApiPost = (path: string) => dockerApiCall('POST', path);
const dockerApiDelete = (path: string) => dockerApiCall('DELETE', path);
