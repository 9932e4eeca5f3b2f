import type pg from 'pg';
import { pgModule } from './pg.js';
import { maskUrl, registerSecretsOf, splitUrl } from '../util/redact.js';
import { ServerStartError } from './errors.js';

/**
 * The connection string as the driver must get it. Only `postgres://` / `postgresql://` URLs:
 * anything else (a key=value conninfo) is refused, saying so, rather than read by node-postgres
 * as a relative URL (`getaddrinfo ENOTFOUND base`). Its user and password re-encoded as the
 * lenient parse of harness/util/redact.ts splits them (to the last `@` before the host part):
 * node-postgres (a WHATWG URL) would end the authority at a raw `/`, `?` or `#` in the password,
 * and look up a part of the password as the host. A well-formed URL is returned as it is.
 * `what` names the string in the refusal (`--url`, `PARITY_DATABASE_URL`).
 */
export function connectionUrl(url: string, what = 'the connection string'): string {
  registerSecretsOf(url);
  const trimmed = url.trim();
  const split = /^postgres(ql)?:\/\//i.test(trimmed) ? splitUrl(trimmed) : undefined;
  if (!split) throw new ServerStartError(`${what} is not a postgres:// URL (${maskUrl(url)}): give postgres://user@host:port/database, the password as user:password@ (key=value connection strings are not accepted)`);
  if (split.userinfo === undefined) return url;
  const colon = split.userinfo.indexOf(':');
  const [user, password] = colon >= 0 ? [split.userinfo.slice(0, colon), split.userinfo.slice(colon + 1)] : [split.userinfo, undefined];
  const userinfo = password === undefined ? reencoded(user) : `${reencoded(user)}:${reencoded(password)}`;
  return userinfo === split.userinfo ? url : `${split.scheme}${userinfo}@${split.rest}`;
}

/** A userinfo part as a URL must carry it: as written when it is well-formed, else what it means (decoded, when it decodes) percent-encoded. */
function reencoded(part: string): string {
  if (/^(?:[\w.~!$&'()*+,;=-]|%[0-9a-f]{2})*$/i.test(part)) return part;
  try {
    return encodeURIComponent(decodeURIComponent(part));
  } catch {
    return encodeURIComponent(part); // a `%` that is no escape means what it says
  }
}

/** Connects with a bounded timeout; an unreachable server gives an error with the URL masked. */
export async function connect(url: string, timeoutMs = 10_000): Promise<pg.Client> {
  const client = new (pgModule().Client)({ connectionString: connectionUrl(url), connectionTimeoutMillis: timeoutMs });
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
