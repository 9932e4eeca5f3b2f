import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type pg from 'pg';
import { escapeIdentifier } from '../server/pg.js';
import { DumpError } from '../dump/errors.js';
import type { DumpStatement } from '../dump/sanitize.js';
import { serverMajor } from '../server/connect.js';
import type { BuildableSource, BuildContext } from './source.js';
import { utf8TextOf } from './migration-text.js';
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
  const [{ dumpStatements, PREAMBLE }, { clientEncodingOf, partitionParent, restoreRole, tokensOf }] = await Promise.all([import('../dump/sanitize.js'), import('../dump/allow-list.js')]);
  // as UTF-8, as it is sent: another encoding's bytes would be changed in silence
  const text = utf8TextOf(readFileSync(file));
  if (typeof text !== 'string') {
    throw new DumpError(`${shown}:${text.line}: not valid UTF-8 (byte 0x${text.byte}): a dump is read as UTF-8. Dump again with "parity dump" (it asks pg_dump for UTF-8), or convert the file (iconv -t utf-8)`);
  }
  const { dump, statements } = dumpStatements(text, { origin: shown, excludeSchemas: context.excludeSchemas, keepPrivileges: context.keepPrivileges });
  const major = await serverMajor(client);
  if (dump.sourceMajor !== undefined && dump.sourceMajor > major) {
    throw new DumpError(`${shown} was dumped from PostgreSQL ${dump.sourceMajor}; this server is ${major}, which cannot restore it. Set PARITY_PG_MAJOR=${dump.sourceMajor} (the embedded and container providers follow it).`);
  }
  await client.query(PREAMBLE.join('\n'));
  // On a server of our own, the dump's statements run as a role without a superuser's rights:
  // the server runs functions of the dump as it creates some objects (an IMMUTABLE one in an
  // index predicate or a generated column, a default of an added column…), and as a superuser one
  // could run a program or read a file. What only a superuser may create (an extension, an event
  // trigger, a foreign-data wrapper, an operator class…) runs as one, and none of it runs the
  // dump's code; owners and privileges are set last, as one too. On a `url` server, whose roles
  // are not ours to make, the dump runs with the connecting role's rights.
  const restorer = context.provider === 'url' ? undefined : await asRestorer(client);
  // the restore sends the file's text as UTF-8 (the preamble above says so): an entry that sets
  // another client encoding would make the server read every later byte otherwise
  for (const statement of statements) {
    const encoding = /^set\b/i.test(statement.text) ? clientEncodingOf(statement.text) : undefined;
    if (encoding !== undefined && encoding !== 'utf8' && encoding !== 'unicode') {
      throw new DumpError(`${shown}:${statement.line}:${statement.column}: SET client_encoding inside an entry: the restore sends the file as UTF-8, and pg_dump sets the encoding only in its header. Remove it from the file, or dump again with "parity dump"`);
    }
  }
  const roles = new Map(statements.map((s) => [s, restoreRole(s.text)]));
  // an event trigger made early would fire on every later statement: they come after everything,
  // but for their own owners (ALTER EVENT TRIGGER … OWNER TO: an event trigger fires on no command
  // about event triggers)
  const ownsEventTrigger = (s: DumpStatement) => { const [verb, event, trigger] = tokensOf(s.text); return verb === 'ALTER' && event === 'EVENT' && trigger === 'TRIGGER'; };
  const order = (s: DumpStatement) => (roles.get(s) === 'access' && ownsEventTrigger(s) ? 3 : (({ 'event trigger': 2, access: 1 })[roles.get(s) as 'access'] ?? 0));
  try {
    for (const statement of [0, 1, 2, 3].flatMap((rank) => statements.filter((s) => order(s) === rank))) {
      const privileged = restorer !== undefined && roles.get(statement) !== undefined;
      if (restorer) await client.query(privileged ? 'RESET ROLE' : `SET ROLE ${escapeIdentifier(restorer)}`);
      await refuseDomainKeyedBound(client, statement, shown, partitionParent);
      await runRestoring(client, statement, shown, context, restorer && !privileged ? restorer : undefined);
      // what a superuser made (a wrapper, a server) the restoring role may use
      if (privileged && tokensOf(statement.text).some((t) => t === 'WRAPPER' || t === 'SERVER' || t === 'EXTENSION')) await client.query(GRANT_FOREIGN_USAGE);
    }
    // those grants were the restore's, not the dump's: gone once it is done (what the role owns
    // keeps its owner's rights, which no snapshot reads as a grant)
    if (restorer) {
      await client.query('RESET ROLE');
      await client.query(REVOKE_FOREIGN_USAGE);
    }
  } finally {
    if (restorer) await client.query('RESET ROLE').catch(() => {});
  }
}

/** The role a dump restores as on a server of our own: no superuser, no login, no role of the server's. */
const RESTORER = 'parity_restorer';
const GRANT_FOREIGN_USAGE = `DO $$ DECLARE o name; BEGIN
  FOR o IN SELECT fdwname FROM pg_catalog.pg_foreign_data_wrapper LOOP EXECUTE format('GRANT USAGE ON FOREIGN DATA WRAPPER %I TO ${RESTORER}', o); END LOOP;
  FOR o IN SELECT srvname FROM pg_catalog.pg_foreign_server LOOP EXECUTE format('GRANT USAGE ON FOREIGN SERVER %I TO ${RESTORER}', o); END LOOP;
END $$`;

const REVOKE_FOREIGN_USAGE = `DO $$ DECLARE o name; BEGIN
  FOR o IN SELECT fdwname FROM pg_catalog.pg_foreign_data_wrapper WHERE fdwowner <> '${RESTORER}'::regrole LOOP EXECUTE format('REVOKE USAGE ON FOREIGN DATA WRAPPER %I FROM ${RESTORER}', o); END LOOP;
  FOR o IN SELECT srvname FROM pg_catalog.pg_foreign_server WHERE srvowner <> '${RESTORER}'::regrole LOOP EXECUTE format('REVOKE USAGE ON FOREIGN SERVER %I FROM ${RESTORER}', o); END LOOP;
END $$`;

/**
 * Makes the restoring role (once per server: roles are the cluster's) the owner of the database
 * being built, so that it may create what a dump makes; returns its name.
 */
async function asRestorer(client: pg.ClientBase): Promise<string> {
  await client.query(`DO $$ BEGIN
    CREATE ROLE ${RESTORER} NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
  EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
  // (the public schema is the database owner's from PostgreSQL 15, and anyone's to create in before)
  await client.query(`DO $$ BEGIN EXECUTE format('ALTER DATABASE %I OWNER TO ${RESTORER}', current_database()); END $$`);
  await client.query(GRANT_FOREIGN_USAGE);
  return RESTORER;
}

/**
 * Runs one statement (as `restorer` when given, else as the session's role); a role it names that
 * does not exist is made (NOLOGIN, by the superuser) on a server of our own.
 */
async function runRestoring(client: pg.ClientBase, statement: DumpStatement, shown: string, context: BuildContext, restorer: string | undefined): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      // the extended protocol: one statement, whatever the server reads in the text (a second one
      // it would find where the checks found none is an error, never run)
      await client.query({ text: statement.text, queryMode: 'extended' } as pg.QueryConfig);
      return;
    } catch (error) {
      const fields = error as ServerErrorFields;
      const role = /^role "(.+)" does not exist$/.exec(fields.message ?? '')?.[1];
      if (role && attempt < 8 && context.provider !== 'url') {
        if (restorer) await client.query('RESET ROLE');
        await client.query(`DO $$ BEGIN CREATE ROLE ${escapeIdentifier(role)} NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$`);
        if (restorer) await client.query(`SET ROLE ${escapeIdentifier(restorer)}`);
        continue;
      }
      const at = fields.position ? lineAndColumn(statement.text, Number(fields.position)) : { line: 1, column: 1 };
      const where = `${shown}:${statement.line + at.line - 1}:${at.line === 1 ? statement.column + at.column - 1 : at.column}`;
      const hint = role
        ? `; create role "${role}" on that server, or build on the embedded server`
        : fields.code === '42501' && restorer
          ? '; a dump is restored as a role without superuser rights, so that nothing in it runs with them'
          : '';
      const { segment } = statement;
      throw new DumpError(`${where}: ${fields.message ?? String(error)}${fields.code ? ` [${fields.code}]` : ''} (in ${segment.type} ${segment.name}${hint})`, { cause: error });
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
