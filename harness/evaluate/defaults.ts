import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { escapeIdentifier, escapeLiteral } from '../server/pg.js';
import type { DefaultAnswer, DefaultQuestion } from '../compare/equivalent-defaults.js';
import { withAdminSession } from '../server/admin-sessions.js';
import { connect, withClient } from '../server/connect.js';
import { cloneTemplate } from '../cache/templates.js';
import { createDatabase, dropDatabase } from '../server/databases.js';
import type { PostgresServer } from '../server/types.js';
import { expressionRefusal, typeNameRefusal } from './expression-text.js';

/**
 * Asks the server whether two defaults are the same value, with the rule that text from a
 * snapshot never runs anywhere it could do harm. Every layer holds on its own:
 * - only on the harness's own server (embedded or container), never on a `url:` database nor on
 *   a PARITY_DATABASE_URL server, and only in a throwaway database: a clone of `template` (a
 *   built source, so the project's domains and enums exist) or an empty one;
 * - as a role made for this and dropped afterwards: no superuser, no file or program access;
 *   the copy's SECURITY DEFINER routines made SECURITY INVOKER first (they belong to the builder);
 * - each expression and type name checked to be one expression (expression-text.ts), the type
 *   confirmed by the server through a bound parameter, the probe sent with the extended
 *   protocol (one statement, never several), read-only, with a statement timeout;
 * - the same value means the same text out of the type (`'1 mon'` and `'30 days'` are equal by
 *   the interval's `=`, but not the same default; nor are numeric `1.0` and `1`), in two
 *   sessions unlike each other (another time zone, and another current_user under SET ROLE:
 *   `now()` vs `now() AT TIME ZONE 'UTC'`, `current_user` vs `session_user`), each twice with
 *   time passing in between (`now()` vs `clock_timestamp()`); anything that errors stays a
 *   difference.
 */
export async function answerDefaultQuestions(server: PostgresServer, template: string | undefined, questions: readonly DefaultQuestion[]): Promise<DefaultAnswer[]> {
  if (server.provider === 'url') {
    return questions.map(() => ({ unevaluated: 'defaults are evaluated only on a server the harness started itself, not on PARITY_DATABASE_URL' }));
  }
  const answers: Array<DefaultAnswer | undefined> = questions.map((q) => {
    const refused = expressionRefusal(q.a) ?? expressionRefusal(q.b);
    if (refused) return { unevaluated: `not a single expression: ${refused}` };
    const badType = typeNameRefusal(q.type);
    return badType ? { unevaluated: `not a type name: ${badType}` } : undefined;
  });
  if (answers.every((a) => a !== undefined)) return answers;

  const role = `parity_probe_${randomBytes(6).toString('hex')}`;
  // the role the probe switches to for its second session (another current_user)
  const other = `${role}_as`;
  const password = randomBytes(18).toString('hex');
  const scratch = template ? await cloneTemplate(server, template, 'probe') : await emptyDatabase(server);
  let rolesMade = false;
  try {
    await withAdminSession(server.adminUrl, async (admin) => {
      rolesMade = true;
      await admin.query(`CREATE ROLE ${escapeIdentifier(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${escapeLiteral(password)}`);
      await admin.query(`CREATE ROLE ${escapeIdentifier(other)} NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS`);
      await admin.query(`GRANT ${escapeIdentifier(other)} TO ${escapeIdentifier(role)}`);
    });
    // the roles may use the project's types (USAGE on every schema of the throwaway copy), nothing
    // more; and the copy's SECURITY DEFINER routines run as their caller: owned by the builder (a
    // superuser), a default calling one would otherwise run with a superuser's rights
    await withClient(scratch.url, (owner) =>
      owner.query(`DO $$ DECLARE s name; r regprocedure; BEGIN
        FOR s IN SELECT nspname FROM pg_namespace WHERE nspname !~ '^pg_' AND nspname <> 'information_schema' LOOP
          EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I, %I', s, ${escapeLiteral(role)}, ${escapeLiteral(other)});
        END LOOP;
        FOR r IN SELECT p.oid FROM pg_proc p WHERE p.prosecdef AND p.pronamespace <> 'pg_catalog'::regnamespace LOOP
          EXECUTE format('ALTER ROUTINE %s SECURITY INVOKER', r);
        END LOOP; END $$`),
    );
    const url = new URL(scratch.url);
    url.username = role;
    url.password = password;
    const probe = await connect(url.toString());
    try {
      for (const [i, q] of questions.entries()) answers[i] ??= await sameValue(probe, q, other);
    } finally {
      await probe.end().catch(() => {});
    }
  } finally {
    // the database first: the role's grants live in it
    await scratch.drop().catch(() => {});
    if (rolesMade) await withAdminSession(server.adminUrl, (admin) => admin.query(`DROP ROLE IF EXISTS ${escapeIdentifier(role)}, ${escapeIdentifier(other)}`)).catch(() => {});
  }
  return answers as DefaultAnswer[];
}

/** The second session's differences from the first: a time zone ±12:45 from UTC, and another role. */
const OTHER_SESSION = (role: string) => `SET LOCAL TimeZone = 'Pacific/Chatham'; SET LOCAL ROLE ${escapeIdentifier(role)}`;

async function sameValue(client: pg.Client, q: DefaultQuestion, otherRole: string): Promise<DefaultAnswer> {
  // the extended protocol parses exactly one statement: a second one is an error, never run
  const probe = { text: `SELECT (((${q.a})::${q.type})::text IS NOT DISTINCT FROM ((${q.b})::${q.type})::text) AS same`, queryMode: 'extended' } as pg.QueryConfig;
  for (const session of ['', OTHER_SESSION(otherRole)]) {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
      await client.query(`SET LOCAL search_path = pg_catalog; SET LOCAL statement_timeout = '5s'; ${session}`);
      const { rows } = await client.query<{ known: boolean }>({ text: 'SELECT to_regtype($1) IS NOT NULL AS known', values: [q.type] });
      if (!rows[0]?.known) return { unevaluated: `type ${q.type} does not exist where the defaults are evaluated` };
      const first = await client.query<{ same: boolean }>(probe);
      await client.query('SELECT pg_sleep(0.002)');
      const second = await client.query<{ same: boolean }>(probe);
      if (first.rows[0]?.same !== true || second.rows[0]?.same !== true) return { same: false };
    } catch (error) {
      return { unevaluated: `the server could not evaluate them: ${(error as Error).message}` };
    } finally {
      await client.query('ROLLBACK').catch(() => {});
    }
  }
  return { same: true };
}

async function emptyDatabase(server: PostgresServer): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = await createDatabase(server, 'probe');
  return { url: server.urlFor(name), drop: () => dropDatabase(server, name) };
}
