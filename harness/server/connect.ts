import type pg from 'pg';
import { pgModule } from './pg.js';
import { maskUrl } from '../util/redact.js';
import { ServerStartError } from './errors.js';

/** Connects with a bounded timeout; an unreachable server gives an error with the URL masked. */
export async function connect(url: string, timeoutMs = 10_000): Promise<pg.Client> {
  const client = new (pgModule().Client)({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => {}); // a dropped idle connection must not crash the process
  try {
    await client.connect();
    return client;
  } catch (error) {
    await client.end().catch(() => {});
    const reason = error instanceof Error ? error.message || (error as NodeJS.ErrnoException).code : String(error);
    throw new ServerStartError(
      `cannot connect to PostgreSQL at ${maskUrl(url)}: ${reason}. Check that the server is running and the URL (host, port, user, password, database) is right.`,
      { cause: error },
    );
  }
}

/** Runs `fn` with a connection that is always closed afterwards. */
export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>, options: { waitForClose?: boolean } = {}): Promise<T> {
  const client = await connect(url);
  try {
    return await fn(client);
  } finally {
    // closed; and unless told not to, its backend gone too (a database to drop or clone next must have none)
    const closed = client.end().catch(() => {});
    if (options.waitForClose !== false) await closed;
  }
}

export async function serverMajor(client: pg.ClientBase): Promise<number> {
  const { rows } = await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v");
  return Math.floor(Number(rows[0]?.v) / 10000);
}
