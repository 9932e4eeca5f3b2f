import type pg from 'pg';
import { inject } from 'vitest';
import { attachServer } from '../../harness/server/attach.js';
import { connect } from '../../harness/server/connect.js';
import { createDatabase, dropDatabase } from '../../harness/server/databases.js';
import type { PostgresServer } from '../../harness/server/types.js';

/** The run's one server (started by the vitest globalSetup). */
export function testServer(): PostgresServer {
  return attachServer(inject('parityServer'));
}

export interface ScratchDatabase {
  name: string;
  url: string;
  client: pg.Client;
  /** Closes the client and drops the database. */
  drop(): Promise<void>;
}

let admin: { url: string; client: Promise<pg.Client> } | undefined;

/**
 * One connection per test worker to the run's server's admin database, for the CREATE and DROP
 * DATABASE of the tests' own databases (hundreds a run: a connection each would cost the server a
 * process start and an authentication). Opened on first use, and again after it broke; it does not
 * keep the worker alive.
 */
export function testAdmin(): Promise<pg.Client> {
  const url = testServer().adminUrl;
  if (admin?.url !== url) {
    const client = connect(url).then((c) => {
      const forget = () => {
        if (admin?.client === client) admin = undefined;
      };
      c.on('error', forget);
      c.on('end', forget);
      // pg's Client.unref (not in its types): an idle admin connection must not hold the worker open
      (c as unknown as { unref(): void }).unref();
      return c;
    });
    admin = { url, client };
    client.catch(() => {
      if (admin?.client === client) admin = undefined;
    });
  }
  return admin.client;
}

/** A fresh empty database on the run's server, with an open client. */
export async function scratchDatabase(label = 'scratch', sql?: string): Promise<ScratchDatabase> {
  const server = testServer();
  const name = await createDatabase(server, label, undefined, await testAdmin());
  const url = server.urlFor(name);
  const client = await connect(url);
  if (sql) await client.query(sql);
  return {
    name,
    url,
    client,
    async drop() {
      await client.end().catch(() => {});
      await dropDatabase(server, name, await testAdmin());
    },
  };
}
