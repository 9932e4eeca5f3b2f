import type { PostgresServer } from '../server/types.js';
import { connect } from '../server/connect.js';
import { createDatabase, dropDatabase } from '../server/databases.js';
import { SourceBuildError, type Buildable } from './source.js';

export interface BuiltDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * Builds `source` into a new database on `server`. On failure the half-built database is
 * dropped and the error says which source failed: `building source "legacy": 007_x.sql:12:5: …`.
 */
export async function buildDatabase(server: PostgresServer, source: Buildable, options: { log?: (line: string) => void } = {}): Promise<BuiltDatabase> {
  const name = await createDatabase(server, source.label);
  const url = server.urlFor(name);
  const drop = () => dropDatabase(server, name);
  try {
    const client = await connect(url);
    try {
      await source.build(client, { provider: server.provider, log: options.log });
    } finally {
      await client.end().catch(() => {});
    }
  } catch (error) {
    await drop().catch(() => {});
    const message = error instanceof Error ? error.message : String(error);
    throw new SourceBuildError(`building source "${source.label}" (${source.spec}): ${message}`, { cause: error, source: source.label });
  }
  return { name, url, drop };
}
