import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { escapeIdentifier } from './pg.js';
import { withAdminSession } from './admin-sessions.js';
import type { PostgresServer } from './types.js';

/** Every database the harness creates is named `parity_…`; on a `url` server it drops only those it created. */
export const DATABASE_PREFIX = 'parity_';

export function newDatabaseName(label = 'db'): string {
  const slug = label.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '').slice(0, 30) || 'db';
  return `${DATABASE_PREFIX}${slug}_${randomBytes(4).toString('hex')}`;
}

/** Creates a database (a copy of `template` if given); on `admin` when given, else on a connection of its own. */
export async function createDatabase(server: PostgresServer, label?: string, template?: string, admin?: pg.ClientBase): Promise<string> {
  const name = newDatabaseName(label);
  const ident = escapeIdentifier;
  await onAdmin(server, admin, (client) => client.query(`CREATE DATABASE ${ident(name)}${template ? ` TEMPLATE ${ident(template)}` : ''}${copyStrategy(server)}`));
  return name;
}

export async function dropDatabase(server: PostgresServer, name: string, admin?: pg.ClientBase): Promise<void> {
  if (!name.startsWith(DATABASE_PREFIX)) throw new Error(`refusing to drop "${name}": the harness drops only databases it created (${DATABASE_PREFIX}*)`);
  await onAdmin(server, admin, (client) => client.query(`DROP DATABASE IF EXISTS ${escapeIdentifier(name)} WITH (FORCE)`));
}

/**
 * Runs `fn` on `admin`, a connection to the server's admin database the caller already holds
 * (each new one costs a backend and an authentication), or on an admin session (admin-sessions.ts).
 */
export function onAdmin<T>(server: PostgresServer, admin: pg.ClientBase | undefined, fn: (client: pg.ClientBase) => Promise<T>): Promise<T> {
  return admin ? fn(admin) : withAdminSession(server.adminUrl, fn);
}

/**
 * How a database is copied from its template (template1 when none is named): FILE_COPY
 * (PostgreSQL 15+) copies the files and is faster than the default WAL_LOG, which writes the
 * whole template to the WAL, for the small databases a harness makes (~16 ms instead of ~24 of
 * the server's CPU from template1).
 */
export function copyStrategy(server: Pick<PostgresServer, 'major'>): string {
  return server.major >= 15 ? ' STRATEGY FILE_COPY' : '';
}
