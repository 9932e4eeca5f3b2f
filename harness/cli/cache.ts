import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { dropTemplate, TEMPLATE_PREFIX } from '../cache/templates.js';
import type { SnapshotCache } from '../cache/snapshot-cache.js';
import { withClient } from '../server/connect.js';
import { chooseProvider } from '../server/index.js';
import type { Session } from './session.js';

/**
 * `parity cache clear`: removes the snapshot cache and, on a `url` server (where templates
 * outlive the run), every parity_tpl_* template database. An embedded server's templates go
 * with the server anyway.
 */
export async function cacheCommand(session: Session, cache: SnapshotCache | undefined, positionals: string[]): Promise<number> {
  if (positionals.length !== 1 || positionals[0] !== 'clear') throw new Error('usage: parity cache clear');
  if (cache) {
    // PARITY_CACHE_DIR also holds the fetched PostgreSQL binaries (postgres/): those stay
    const binaries = join(cache.dir, 'postgres');
    const kept = existsSync(binaries);
    const entries = kept ? readdirSync(cache.dir).filter((name) => name !== 'postgres').map((name) => join(cache.dir, name)) : [cache.dir];
    for (const entry of entries) rmSync(entry, { recursive: true, force: true });
    session.io.stdout.write(`removed ${cache.dir}${kept ? ` (kept the PostgreSQL binaries in ${binaries})` : ''}\n`);
  }
  if (chooseProvider({}, session.io.env) !== 'url') return 0;
  const server = await session.server();
  const names = await withClient(server.adminUrl, async (c) =>
    (await c.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1 ORDER BY datname', [`${TEMPLATE_PREFIX}%`])).rows.map((r) => r.datname),
  );
  for (const name of names) await dropTemplate(server, name);
  session.io.stdout.write(`dropped ${names.length} template database${names.length === 1 ? '' : 's'}\n`);
  return 0;
}
