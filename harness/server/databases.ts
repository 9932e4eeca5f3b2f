import { randomBytes } from 'node:crypto';
import { escapeIdentifier } from './pg.js';
import { withClient } from './connect.js';
import type { PostgresServer } from './types.js';

/** Every database the harness creates is named `parity_…`; on a `url` server it drops only those it created. */
export const DATABASE_PREFIX = 'parity_';

export function newDatabaseName(label = 'db'): string {
  const slug = label.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '').slice(0, 30) || 'db';
  return `${DATABASE_PREFIX}${slug}_${randomBytes(4).toString('hex')}`;
}

export async function createDatabase(server: PostgresServer, label?: string, template?: string): Promise<string> {
  const name = newDatabaseName(label);
  const ident = escapeIdentifier;
  await withClient(server.adminUrl, (client) =>
    client.query(`CREATE DATABASE ${ident(name)}${template ? ` TEMPLATE ${ident(template)}${cloneStrategy(server)}` : ''}`),
  );
  return name;
}

export async function dropDatabase(server: PostgresServer, name: string): Promise<void> {
  if (!name.startsWith(DATABASE_PREFIX)) throw new Error(`refusing to drop "${name}": the harness drops only databases it created (${DATABASE_PREFIX}*)`);
  await withClient(server.adminUrl, (client) =>
    client.query(`DROP DATABASE IF EXISTS ${escapeIdentifier(name)} WITH (FORCE)`),
  );
}

/**
 * How a template is copied: FILE_COPY (PostgreSQL 15+) copies the files and is ~2× faster than
 * the default WAL_LOG for the small databases a harness clones.
 */
export function cloneStrategy(server: Pick<PostgresServer, 'major'>): string {
  return server.major >= 15 ? ' STRATEGY FILE_COPY' : '';
}
