import { withDatabase, type PostgresServer, type ProviderName } from './types.js';

/** What a test worker needs to use the run's one server: plain data, so vitest can `provide` it. */
export interface ServerHandle {
  provider: ProviderName;
  major: number;
  adminUrl: string;
}

export function handleOf(server: PostgresServer): ServerHandle {
  return { provider: server.provider, major: server.major, adminUrl: server.adminUrl };
}

/** The server as seen from a worker: it can create databases but never stops the server. */
export function attachServer(handle: ServerHandle): PostgresServer {
  return {
    ...handle,
    urlFor: (database) => withDatabase(handle.adminUrl, database),
    async stop() {},
  };
}
