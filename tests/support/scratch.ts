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

/**
 * A fresh empty database on the run's server, with an open client. Created and dropped on the
 * process's kept admin session (harness/server/admin-sessions.ts): hundreds a run, where a
 * connection each would cost the server a process start and an authentication.
 */
export async function scratchDatabase(label = 'scratch', sql?: string): Promise<ScratchDatabase> {
  const server = testServer();
  const name = await createDatabase(server, label);
  const url = server.urlFor(name);
  const client = await connect(url);
  if (sql) await client.query(sql);
  return {
    name,
    url,
    client,
    async drop() {
      await client.end().catch(() => {});
      await dropDatabase(server, name);
    },
  };
}
