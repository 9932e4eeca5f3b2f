import type pg from 'pg';
import { escapeIdentifier } from '../server/pg.js';
import { withAdminSession } from '../server/admin-sessions.js';
import { withClient } from '../server/connect.js';
import { dropDatabase } from '../server/databases.js';
import type { PostgresServer } from '../server/types.js';
import { buildInto, type BuildOptions } from '../sources/build.js';
import type { Buildable } from '../sources/source.js';
import { buildKey } from './keys.js';

export const TEMPLATE_PREFIX = 'parity_tpl_';

export interface Template {
  /** The template database, named by the content hash of everything that decides it. */
  name: string;
  key: string;
  /** False when an earlier build (this run or, on a url server, an earlier one) made it. */
  built: boolean;
}

export interface TemplateOptions<T> extends Omit<BuildOptions, 'admin'> {
  /**
   * Reads the template (a snapshot) on a connection to it, while the lock ensureTemplate holds
   * anyway keeps clones away: no second lock, no second admin connection.
   */
  read?: (client: pg.Client, url: string) => Promise<T>;
}

/**
 * pgtestdb's idea: each built source is kept as a template database named by its content hash.
 * Built under an advisory lock (parallel workers never build one twice nor see a half-built
 * one), built by the one build path (sources/build's buildInto, as buildDatabase builds, on the
 * connection holding the lock), marked a template only after the build succeeded; a half-built
 * one left by a crash is dropped and rebuilt. Tests that change a database work on a clone,
 * never on the template. With `read`, the template is read before the lock is released.
 */
export async function ensureTemplate<T = never>(server: PostgresServer, source: Buildable, options: TemplateOptions<T> = {}): Promise<Template & { read?: T }> {
  const { read, ...buildOptions } = options;
  const key = await buildKey(source, server.major);
  const name = `${TEMPLATE_PREFIX}${key.slice(0, 32)}`;
  return withAdminSession(server.adminUrl, async (admin) => {
    await admin.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
    try {
      const { rows } = await admin.query<{ datistemplate: boolean }>('SELECT datistemplate FROM pg_database WHERE datname = $1', [name]);
      const built = !rows[0]?.datistemplate;
      const markTemplate = () => admin.query(`ALTER DATABASE ${escapeIdentifier(name)} WITH IS_TEMPLATE true`);
      if (built) {
        if (rows[0]) await dropDatabase(server, name, admin); // half-built: a build that died before it was marked
        // marked once built, then read on the build's own connection (see buildInto)
        const then = async (client: pg.Client, url: string) => {
          await markTemplate();
          return read ? { read: await read(client, url) } : {};
        };
        return { name, key, built, ...(await buildInto(server, name, source, { ...buildOptions, admin, then }))! };
      }
      const url = server.urlFor(name);
      return { name, key, built, ...(read ? { read: await withClient(url, (client) => read(client, url)) } : {}) };
    } finally {
      // (a session kept for reuse is reset, which releases it anyway; one that failed is closed)
      await admin.query('SELECT pg_advisory_unlock(hashtext($1))', [name]).catch(() => {});
    }
  });
}

/** Drops a template (it must be unmarked first: Postgres refuses to drop a template database). */
export async function dropTemplate(server: PostgresServer, name: string): Promise<void> {
  await withAdminSession(server.adminUrl, async (admin) => {
    await admin.query(`ALTER DATABASE ${escapeIdentifier(name)} WITH IS_TEMPLATE false`);
    await dropDatabase(server, name, admin);
  });
}

/** Runs `fn` holding the template's lock: exclusive to read the template, shared to clone it. */
async function withTemplateLock<T>(server: PostgresServer, name: string, mode: 'exclusive' | 'shared', fn: (admin: pg.Client) => Promise<T>): Promise<T> {
  // the lock is the session's: released when the session is reset for reuse, or closed after a failure
  return withAdminSession(server.adminUrl, async (admin) => {
    await admin.query(mode === 'shared' ? 'SELECT pg_advisory_lock_shared(hashtext($1))' : 'SELECT pg_advisory_lock(hashtext($1))', [name]);
    return fn(admin);
  });
}

/** Connects to the template itself, with no clone being made from it meanwhile. */
export function withTemplateClient<T>(server: PostgresServer, name: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  return withTemplateLock(server, name, 'exclusive', () => withClient(server.urlFor(name), fn));
}

/** A fresh database copied from a template: what a test that changes a database works on. */
export async function cloneTemplate(server: PostgresServer, template: string, label = 'clone'): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const { copyStrategy, newDatabaseName } = await import('../server/databases.js');
  const name = newDatabaseName(label);
  // on the lock's own connection: CREATE DATABASE needs no other
  await withTemplateLock(server, template, 'shared', (admin) =>
    admin.query(`CREATE DATABASE ${escapeIdentifier(name)} TEMPLATE ${escapeIdentifier(template)}${copyStrategy(server)}`),
  );

  return { name, url: server.urlFor(name), drop: () => dropDatabase(server, name) };
}
