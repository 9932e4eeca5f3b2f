import { createHash } from 'node:crypto';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { isFolderLayout, migrationFileName, readDrizzleMigrations, statementsOf, type DrizzleMigration } from './drizzle-journal.js';
import { SourceBuildError, type DrizzleSource } from './source.js';
import { describeServerError, lineAndColumn, lineAndColumnAt, type ServerErrorFields } from './sql-position.js';

/**
 * Applies a drizzle-kit migrations folder with drizzle-orm's own migrator (so the database holds
 * exactly what `migrate()` would make, bookkeeping included), up to and including a tag.
 */
export async function applyDrizzleMigrations(client: pg.Client, dir: string, upTo?: string): Promise<DrizzleMigration[]> {
  const migrations = readDrizzleMigrations(dir, upTo);
  // The migrator reads a whole folder: give it one whose journal ends at the tag. drizzle-kit 1.x
  // folders are given to it as the same migrations in a journal (same order, `when` and hash).
  const folder = upTo === undefined && !isFolderLayout(dir) ? dir : truncatedCopy(migrations);
  try {
    const { drizzle } = await import('drizzle-orm/node-postgres');
    const { migrate } = await import('drizzle-orm/node-postgres/migrator');
    // (the schema type given, not inferred: inferring it costs the type check ~0.6 s)
    await migrate<Record<string, never>>(drizzle({ client }), { migrationsFolder: folder });
  } catch (error) {
    throw new SourceBuildError(locate(error, migrations, dir), { cause: error });
  } finally {
    if (folder !== dir) rmSync(folder, { recursive: true, force: true });
  }
  return migrations;
}

function truncatedCopy(migrations: DrizzleMigration[]): string {
  const folder = mkdtempSync(join(tmpdir(), 'parity-drizzle-'));
  mkdirSync(join(folder, 'meta'));
  for (const m of migrations) writeFileSync(join(folder, `${m.tag}.sql`), m.sql);
  const entries = migrations.map(({ idx, tag, when, breakpoints }) => ({ idx, version: '7', when, tag, breakpoints }));
  writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify({ version: '7', dialect: 'postgresql', entries }));
  return folder;
}

/** `0001_baseline.sql:12:5: message [code]` for the statement the migrator failed on. */
function locate(error: unknown, migrations: DrizzleMigration[], dir: string): string {
  const failed = error as { query?: string; cause?: unknown; message?: string };
  const server = (failed.cause ?? error) as ServerErrorFields;
  const message = server.message ?? String(error);
  if (typeof failed.query === 'string') {
    for (const migration of migrations) {
      for (const statement of statementsOf(migration)) {
        if (statement.sql !== failed.query) continue;
        const name = migrationFileName(dir, migration);
        if (!server.position) {
          // no position from the server: the statement's first line
          const start = lineAndColumnAt(statement.sql, statement.sql.length - statement.sql.trimStart().length);
          return describeServerError(`${name}:${statement.line + start.line - 1}:${start.column}`, statement.sql, { ...server, message });
        }
        const { line, column } = lineAndColumn(statement.sql, Number(server.position));
        return describeServerError(`${name}:${statement.line + line - 1}:${column}`, statement.sql, { ...server, message, position: undefined });
      }
    }
  }
  return message;
}

/** `drizzle:<dir>[@<tag>]` */
export function drizzleSource(dir: string, options: { upTo?: string; spec?: string; label?: string } = {}): DrizzleSource {
  return {
    kind: 'drizzle',
    dir,
    upTo: options.upTo,
    spec: options.spec ?? `drizzle:${dir}${options.upTo ? `@${options.upTo}` : ''}`,
    label: options.label ?? 'drizzle',
    async hash() {
      const digest = createHash('sha256').update('drizzle\0');
      for (const m of readDrizzleMigrations(dir, options.upTo)) digest.update(`${m.tag}\0${m.when}\0${m.hash}\0`);
      return digest.digest('hex');
    },
    async build(client) {
      await applyDrizzleMigrations(client as pg.Client, dir, options.upTo);
    },
  };
}
