/** Where Postgres comes from. Every provider hands out the same small interface. */
export type ProviderName = 'embedded' | 'url' | 'container';

export interface PostgresServer {
  readonly provider: ProviderName;
  /** Server major version, e.g. 15. */
  readonly major: number;
  /** URL of the maintenance database, with the real password (never print it: use `maskUrl`). */
  readonly adminUrl: string;
  /** URL of `database` on this server. */
  urlFor(database: string): string;
  /** Stops the server (or forgets it, for `url`) and removes what the harness created. Safe to call twice. */
  stop(): Promise<void>;
}

export interface ServerOptions {
  /** Which provider; default: `PARITY_SERVER`, else `url` when `PARITY_DATABASE_URL` is set, else `embedded`. */
  provider?: ProviderName;
  /** Postgres major for `embedded` and `container` (default 15, or `PARITY_PG_MAJOR`). */
  major?: number;
  /** For `url`: the server to use (default `PARITY_DATABASE_URL`). */
  url?: string;
  /** For `embedded`: a fixed port instead of a free one (no retry when it is taken). */
  port?: number;
  /** Log lines about starting and stopping (default: silent). */
  log?: (line: string) => void;
  /** Where the PARITY_* settings above are read (default: process.env): the CLI passes the one it was given. */
  env?: NodeJS.ProcessEnv;
}

export const DEFAULT_MAJOR = 15;

/** Replaces the database of a postgres URL. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = '/' + encodeURIComponent(database);
  return parsed.toString();
}
