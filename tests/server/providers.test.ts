import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { withClient } from '../../harness/server/connect.js';
import { createDatabase, dropDatabase } from '../../harness/server/databases.js';
import { chooseProvider, configuredMajor, ServerStartError, startServer } from '../../harness/server/index.js';
import { freePort } from '../../harness/server/free-port.js';
import { dockerEndpoint } from '../../harness/server/docker.js';
import { testServer } from '../support/scratch.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** A TCP server on loopback that accepts connections and never says a word. */
async function silentTcpServer(): Promise<number> {
  const server = createServer((socket) => server.once('close', () => socket.destroy()));
  servers.push(server);
  const close = server.close.bind(server);
  server.close = (callback) => {
    server.emit('close'); // drop accepted sockets so close() can finish
    return close(callback);
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

describe('choosing a provider', () => {
  it('follows the documented order: option, PARITY_SERVER, PARITY_DATABASE_URL, embedded', () => {
    expect(chooseProvider({}, {})).toBe('embedded');
    expect(chooseProvider({}, { PARITY_DATABASE_URL: 'postgres://x@h/db' })).toBe('url');
    expect(chooseProvider({}, { PARITY_DATABASE_URL: 'postgres://x@h/db', PARITY_SERVER: 'embedded' })).toBe('embedded');
    expect(chooseProvider({ provider: 'container' }, { PARITY_SERVER: 'url' })).toBe('container');
  });

  it('refuses an unknown provider and a bad major with a message saying what is allowed', () => {
    expect(() => chooseProvider({}, { PARITY_SERVER: 'docker' })).toThrow(/PARITY_SERVER=docker is not a provider: use one of embedded, url, container/);
    expect(() => configuredMajor({}, { PARITY_PG_MAJOR: 'twelve' })).toThrow(/PARITY_PG_MAJOR=twelve/);
    expect(configuredMajor({}, {})).toBe(15);
  });
});

describe('url provider', () => {
  it('reports an unreachable server with the password masked', async () => {
    const port = await freePort();
    const url = `postgres://app:topsecret@127.0.0.1:${port}/postgres`;
    const error = await startServer({ provider: 'url', url }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerStartError);
    const message = (error as Error).message;
    expect(message).toContain(`postgres://app:***@127.0.0.1:${port}/postgres`);
    expect(message).toMatch(/ECONNREFUSED|connect/);
    expect(message).not.toContain('topsecret');
  });

  it('uses an existing server: creates and drops only its own databases', async () => {
    const server = await startServer({ provider: 'url', url: testServer().adminUrl });
    expect(server.provider).toBe('url');
    expect(server.major).toBe(testServer().major);
    const name = await createDatabase(server, 'url provider');
    expect(name).toMatch(/^parity_url_provider_[0-9a-f]{8}$/);
    const list = () => withClient(server.adminUrl, async (c) => (await c.query<{ datname: string }>('SELECT datname FROM pg_database')).rows.map((r) => r.datname));
    expect(await list()).toContain(name);
    await dropDatabase(server, name);
    expect(await list()).not.toContain(name);
    await expect(dropDatabase(server, 'postgres')).rejects.toThrow(/refusing to drop "postgres"/);
    await server.stop();
    expect(await list()).toContain('postgres'); // stopping a url server leaves the server alone
  });
});

describe('container provider', () => {
  it('says Docker is missing instead of hanging on an endpoint that never answers, within PARITY_DOCKER_TIMEOUT (default 3 s)', async () => {
    const port = await silentTcpServer();
    const saved = { DOCKER_HOST: process.env.DOCKER_HOST, PARITY_DOCKER_TIMEOUT: process.env.PARITY_DOCKER_TIMEOUT };
    process.env.DOCKER_HOST = `tcp://127.0.0.1:${port}`;
    try {
      // the default, without waiting for it
      delete process.env.PARITY_DOCKER_TIMEOUT;
      expect(dockerEndpoint().timeoutMs).toBe(3000);
      process.env.PARITY_DOCKER_TIMEOUT = '0.4';
      const started = Date.now();
      const error = await startServer({ provider: 'container' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ServerStartError);
      expect((error as Error).message).toMatch(new RegExp(`no Docker daemon answered at tcp://127.0.0.1:${port} within 0.4 s`));
      expect((error as Error).message).toMatch(/a longer PARITY_DOCKER_TIMEOUT\), or unset PARITY_SERVER/);
      expect(Date.now() - started).toBeLessThan(15_000);
      for (const bad of ['0', '-1', 'soon', '601']) {
        process.env.PARITY_DOCKER_TIMEOUT = bad;
        await expect(startServer({ provider: 'container' })).rejects.toThrow(`PARITY_DOCKER_TIMEOUT is "${bad}": give the seconds the Docker daemon has to answer, a number above 0 and at most 600 (default 3).`);
      }
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });
});

describe('testcontainers on this Node', () => {
  it('imports without crashing (undici is overridden to ^7 for Node 20)', async () => {
    const module = await import('@testcontainers/postgresql');
    expect(typeof module.PostgreSqlContainer).toBe('function');
  });
});
