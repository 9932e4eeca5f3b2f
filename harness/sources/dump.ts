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
  const [{ dumpStatements, PREAMBLE }, { partitionParent }] = await Promise.all([import('../dump/sanitize.js'), import('../dump/allow-list.js')]);
  const { dump, statements } = dumpStatements(readFileSync(file, 'utf8'), { origin: shown, excludeSchemas: context.excludeSchemas, keepPrivileges: context.keepPrivileges });
  const major = await serverMajor(client);
  if (dump.sourceMajor !== undefined && dump.sourceMajor > major) {
    throw new DumpError(`${shown} was dumped from PostgreSQL ${dump.sourceMajor}; this server is ${major}, which cannot restore it. Set PARITY_PG_MAJOR=${dump.sourceMajor} (the embedded and container providers follow it).`);
  }
  await client.query(PREAMBLE.join('\n'));
  // an event trigger made early would fire on every later statement: they come last
  const eventTrigger = (s: DumpStatement) => /^(CREATE|ALTER|COMMENT\s+ON)\s+EVENT\s+TRIGGER\b/i.test(s.text);
  for (const statement of [...statements.filter((s) => !eventTrigger(s)), ...statements.filter(eventTrigger)]) {
    await refuseDomainKeyedBound(client, statement, shown, partitionParent);
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

/**
 * A partition's bound is coerced to its key's types when the partition is made or attached: a key
 * of a domain type runs the domain's CHECK there and then, as the restoring superuser. Refused
 * before it runs (the parent is looked up by a bound parameter).
 */
async function refuseDomainKeyedBound(client: pg.ClientBase, statement: DumpStatement, shown: string, parentOf: (text: string) => string | undefined): Promise<void> {
  const parent = parentOf(statement.text);
  if (!parent) return;
  const { rows } = await client.query<{ domain: string | null }>(
    `SELECT (SELECT t.typname FROM pg_catalog.pg_partitioned_table p
              JOIN pg_catalog.pg_attribute a ON a.attrelid = p.partrelid AND a.attnum = ANY (p.partattrs::int2[])
              JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
             WHERE p.partrelid = pg_catalog.to_regclass($1) AND t.typtype = 'd' LIMIT 1) AS domain`,
    [parent],
  );
  const domain = rows[0]?.domain;
  if (domain) {
    throw new DumpError(
      `${shown}:${statement.line}:${statement.column}: a partition of ${parent}, whose key is of the domain ${domain}: its bound would run the domain's CHECK during the restore. schema-parity does not restore partitions keyed by a domain (in ${statement.segment.type} ${statement.segment.name})`,
    );
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
