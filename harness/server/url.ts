import { maskUrl } from '../util/redact.js';
import { closeAdminSessions, withAdminSession } from './admin-sessions.js';
import { connectionUrl, serverMajor } from './connect.js';
import { ServerStartError } from './errors.js';
import { withDatabase, type PostgresServer, type ServerOptions } from './types.js';

/**
 * An existing server (`PARITY_DATABASE_URL`). The harness only creates and drops its own
 * throwaway databases there (see databases.ts) and never touches any other.
 */
export async function useUrlServer(options: ServerOptions = {}): Promise<PostgresServer> {
  const given = options.url ?? (options.env ?? process.env).PARITY_DATABASE_URL;
  if (!given) {
    throw new ServerStartError('the url provider needs a server: set PARITY_DATABASE_URL=postgres://user:password@host:port/postgres');
  }
  // a postgres:// URL (else refused, saying so), its password encoded so that urlFor's URLs keep it whole
  const url = connectionUrl(given, options.url !== undefined ? 'the server URL' : 'PARITY_DATABASE_URL');
  const major = await withAdminSession(url, serverMajor);
  options.log?.(`using PostgreSQL ${major} at ${maskUrl(url)}`);
  return {
    provider: 'url',
    major,
    adminUrl: url,
    urlFor: (database) => withDatabase(url, database),
    // (the server is not ours: only the connections kept to it are closed)
    stop: () => closeAdminSessions(url),
  };
}
