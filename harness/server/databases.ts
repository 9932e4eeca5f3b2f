import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { escapeIdentifier } from './pg.js';
import { withClient } from './connect.js';
import type { PostgresServer } from './types.js';

/** Every database the harness creates is named `parity_…`; on a `url` server it drops only those it created. */
export const DATABASE_PREFIX = 'parity_';

export function newDatabaseName(label = 'db'): string {
  const slug = label.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '').slice(0, 30) || 'db';
  return `${DATABASE_PREFIX}${slug}_${randomBytes(4).toString('hex')}`;
}

/**
 * `admin`, when given, is an open connection to the server's admin database to run the statement
 * on (a caller that creates and drops many databases keeps one: a connection costs the server a
 * process start and an authentication); else one is opened for the statement and closed.
 */
export async function createDatabase(server: PostgresServer, label?: string, template?: string, admin?: pg.ClientBase): Promise<string> {
  const name = newDatabaseName(label);
  const ident = escapeIdentifier;
  await onAdmin(server, admin, (client) =>
    client.query(`CREATE DATABASE ${ident(name)}${template ? ` TEMPLATE ${ident(template)}${cloneStrategy(server)}` : ''}`),
  );
  return name;
}

export async function dropDatabase(server: PostgresServer, name: string, admin?: pg.ClientBase): Promise<void> {
  if (!name.startsWith(DATABASE_PREFIX)) throw new Error(`refusing to drop "${name}": the harness drops only databases it created (${DATABASE_PREFIX}*)`);
  await onAdmin(server, admin, (client) =>
    client.query(`DROP DATABASE IF EXISTS ${escapeIdentifier(name)} WITH (FORCE)`),
  );
}

/** Runs `fn` on the given admin connection, else on one of its own. */
export function onAdmin<T>(server: Pick<PostgresServer, 'adminUrl'>, admin: pg.ClientBase | undefined, fn: (client: pg.ClientBase) => Promise<T>): Promise<T> {
  return admin ? fn(admin) : withClient(server.adminUrl, fn);
}

/**
 * How a template is copied: FILE_COPY (PostgreSQL 15+) copies the files and is ~2× faster than
 * the default WAL_LOG for the small databases a harness clones.
 */
export function cloneStrategy(server: Pick<PostgresServer, 'major'>): string {
  return server.major >= 15 ? ' STRATEGY FILE_COPY' : '';
}
