import { escapeIdentifier } from '../server/pg.js';
import type { PostgresServer } from '../server/types.js';
import type pg from 'pg';
import { connect } from '../server/connect.js';
import { copyStrategy, dropDatabase, newDatabaseName, onAdmin } from '../server/databases.js';
import { SourceBuildError, type Buildable } from './source.js';

export interface BuiltDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

export interface BuildOptions {
  /** Where a build's notes go (a file run outside a transaction …). */
  log?: (line: string) => void;
  /** A connection to the server's admin database to create (and on failure drop) it on, instead of one of its own. */
  admin?: pg.ClientBase;
}

/**
 * Builds `source` into a new database on `server`. On failure the half-built database is
 * dropped and the error says which source failed: `building source "legacy": 007_x.sql:12:5: …`.
 */
export async function buildDatabase(server: PostgresServer, source: Buildable, options: BuildOptions = {}): Promise<BuiltDatabase> {
  const name = newDatabaseName(source.label);
  await buildInto(server, name, source, options);
  return { name, url: server.urlFor(name), drop: () => dropDatabase(server, name) };
}

/**
 * The one build path (buildDatabase's databases and cache/templates' templates): creates the
 * database `name`, runs the source's build in it and, if that fails, drops it and throws a
 * SourceBuildError naming the source around the build's own file:line:column message. With
 * `then`, runs it on the build's connection once the build is done, its session reset as a new
 * one's (DISCARD ALL), and returns what it returns: no second connection, no second backend, and
 * one whose caches already hold the new tables.
 */
export async function buildInto<T = void>(server: PostgresServer, name: string, source: Buildable, options: BuildOptions & { then?: (client: pg.Client, url: string) => Promise<T> } = {}): Promise<T | undefined> {
  await onAdmin(server, options.admin, (admin) => admin.query(`CREATE DATABASE ${escapeIdentifier(name)}${copyStrategy(server)}`));
  const url = server.urlFor(name);
  let client: pg.Client | undefined;
  try {
    client = await connect(url);
    await source.build(client, { provider: server.provider, log: options.log });
  } catch (error) {
    await client?.end().catch(() => {});
    await dropDatabase(server, name, options.admin).catch(() => {});
    const message = error instanceof Error ? error.message : String(error);
    throw new SourceBuildError(`building source "${source.label}" (${source.spec}): ${message}`, { cause: error, source: source.label });
  }
  try {
    if (!options.then) return undefined;
    // a session the build left in a transaction cannot be reset: the caller's work gets a new one
    const reset = await client.query('DISCARD ALL').then(
      () => true,
      () => false,
    );
    if (reset) return await options.then(client, url);
    await client.end().catch(() => {});
    client = await connect(url);
    return await options.then(client, url);
  } finally {
    await client.end().catch(() => {});
  }
}
