import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type pg from 'pg';
import { listMigrations, MigrationFolderError, type MigrationFile } from './migration-files.js';
import { SourceBuildError, type BuildableSource } from './source.js';
import { describeServerError, type ServerErrorFields } from './sql-position.js';

/** What the legacy runner records, as production's `schema_migrations` (no serial: production has no sequences). */
const CREATE_SCHEMA_MIGRATIONS = `
CREATE TABLE IF NOT EXISTS schema_migrations (
  version bigint PRIMARY KEY,
  name text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

export interface LegacyOptions {
  /** Replay up to and including this version. */
  upTo?: bigint;
}

/** The migrations a replay up to `upTo` runs; refuses a version that is not in the folder. */
export function selectMigrations(dir: string, upTo?: bigint): MigrationFile[] {
  const files = listMigrations(dir);
  if (upTo === undefined) return files;
  if (!files.some((file) => file.version === upTo)) {
    const first = files[0]!.version;
    const last = files[files.length - 1]!.version;
    throw new MigrationFolderError(`${dir} has no migration with version ${upTo} (versions ${first}–${last})`);
  }
  return files.filter((file) => file.version <= upTo);
}

/**
 * Replays a legacy folder the way its runner should have: in version order, each file in its
 * own transaction together with its `schema_migrations` row. A failing file stops the replay
 * with file:line:column and the server's message; nothing after it is applied.
 */
export async function replayLegacy(client: pg.ClientBase, dir: string, options: LegacyOptions = {}): Promise<MigrationFile[]> {
  const files = selectMigrations(dir, options.upTo);
  await client.query(CREATE_SCHEMA_MIGRATIONS);
  for (const migration of files) {
    const sql = readFileSync(migration.path, 'utf8');
    try {
      await client.query('BEGIN');
      await client.query(sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version.toString(), migration.name]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      const fields = error as ServerErrorFields;
      throw new SourceBuildError(describeServerError(migration.file, sql, { ...fields, message: fields.message ?? String(error) }), { cause: error });
    }
  }
  return files;
}

/** `legacy:<dir>[@<version>]` */
export function legacySource(dir: string, options: LegacyOptions & { label?: string; spec?: string } = {}): BuildableSource {
  const spec = options.spec ?? `legacy:${dir}${options.upTo !== undefined ? `@${options.upTo}` : ''}`;
  return {
    kind: 'legacy',
    spec,
    label: options.label ?? 'legacy',
    async hash() {
      const digest = createHash('sha256').update('legacy\0');
      for (const file of selectMigrations(dir, options.upTo)) {
        digest.update(`${file.version}\0${file.name}\0`).update(readFileSync(file.path)).update('\0');
      }
      return digest.digest('hex');
    },
    async build(client) {
      await replayLegacy(client, dir, options);
    },
  };
}
