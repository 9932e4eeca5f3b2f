import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type pg from 'pg';
import { escapeIdentifier } from '../server/pg.js';
import { DumpError } from '../dump/errors.js';
import type { DumpStatement } from '../dump/sanitize.js';
import { serverMajor } from '../server/connect.js';
import type { BuildableSource, BuildContext } from './source.js';
import { lineAndColumn, type ServerErrorFields } from './sql-position.js';

/**
 * Restores a schema dump into an empty database, entry by entry through pg. The file is
 * sanitized first (so a raw pg_dump works too, and data is refused); roles a leftover statement
 * names (a policy's TO …) are created NOLOGIN on a throwaway server, and reported on a `url` one.
 */
export async function restoreDump(client: pg.ClientBase, file: string, context: BuildContext & { keepPrivileges?: boolean } = {}): Promise<void> {
  const shown = relative(process.cwd(), file) || file;
  if (!existsSync(file)) throw new DumpError(`${shown} does not exist: write it with "parity dump"`);
  // statement by statement, each checked against what pg_dump writes, placed in the user's file
  // (the dump parser is loaded here: a run answered from the cache never needs it)
  const { dumpStatements, PREAMBLE } = await import('../dump/sanitize.js');
  const { dump, statements } = dumpStatements(readFileSync(file, 'utf8'), { origin: shown, excludeSchemas: context.excludeSchemas, keepPrivileges: context.keepPrivileges });
  const major = await serverMajor(client);
  if (dump.sourceMajor !== undefined && dump.sourceMajor > major) {
    throw new DumpError(`${shown} was dumped from PostgreSQL ${dump.sourceMajor}; this server is ${major}, which cannot restore it. Set PARITY_PG_MAJOR=${dump.sourceMajor} (the embedded and container providers follow it).`);
  }
  await client.query(PREAMBLE.join('\n'));
  // an event trigger made early would fire on every later statement: they come last
  const eventTrigger = (s: DumpStatement) => /^(CREATE|ALTER|COMMENT\s+ON)\s+EVENT\s+TRIGGER\b/i.test(s.text);
  for (const statement of [...statements.filter((s) => !eventTrigger(s)), ...statements.filter(eventTrigger)]) {
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(statement.text);
        break;
      } catch (error) {
        const fields = error as ServerErrorFields;
        const role = /^role "(.+)" does not exist$/.exec(fields.message ?? '')?.[1];
        if (role && attempt < 8 && context.provider !== 'url') {
          await client.query(`DO $$ BEGIN CREATE ROLE ${escapeIdentifier(role)} NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$`);
          continue;
        }
        const at = fields.position ? lineAndColumn(statement.text, Number(fields.position)) : { line: 1, column: 1 };
        const where = `${shown}:${statement.line + at.line - 1}:${at.line === 1 ? statement.column + at.column - 1 : at.column}`;
        const hint = role ? `; create role "${role}" on that server, or build on the embedded server` : '';
        const { segment } = statement;
        throw new DumpError(`${where}: ${fields.message ?? String(error)}${fields.code ? ` [${fields.code}]` : ''} (in ${segment.type} ${segment.name}${hint})`, { cause: error });
      }
    }
  }
}

/** `dump:<file.sql>`; with `privileges`, its owners, grants and default privileges are restored too (another build: another hash). */
export function dumpSource(file: string, options: { spec?: string; label?: string; excludeSchemas?: readonly string[]; privileges?: boolean } = {}): BuildableSource {
  return {
    kind: 'dump',
    spec: options.spec ?? `dump:${file}`,
    label: options.label ?? 'dump',
    async hash() {
      const digest = createHash('sha256').update('dump\0');
      if (existsSync(file)) digest.update(readFileSync(file));
      if (options.privileges) digest.update('\0privileges');
      return digest.digest('hex');
    },
    async build(client, context) {
      await restoreDump(client, file, { ...context, excludeSchemas: options.excludeSchemas, keepPrivileges: options.privileges });
    },
  };
}
