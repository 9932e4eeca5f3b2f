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
 * SourceBuildError naming the source around the build's own file:line:column message.
 */
export async function buildInto(server: PostgresServer, name: string, source: Buildable, options: BuildOptions = {}): Promise<void> {
  await onAdmin(server, options.admin, (admin) => admin.query(`CREATE DATABASE ${escapeIdentifier(name)}${copyStrategy(server)}`));
  try {
    const client = await connect(server.urlFor(name));
    try {
      await source.build(client, { provider: server.provider, log: options.log });
    } finally {
      await client.end().catch(() => {});
    }
  } catch (error) {
    await dropDatabase(server, name, options.admin).catch(() => {});
    const message = error instanceof Error ? error.message : String(error);
    throw new SourceBuildError(`building source "${source.label}" (${source.spec}): ${message}`, { cause: error, source: source.label });
  }
}
