import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { escapeIdentifier, escapeLiteral } from '../server/pg.js';
import type { DefaultAnswer, DefaultQuestion } from '../compare/equivalent-defaults.js';
import { withAdminSession } from '../server/admin-sessions.js';
import { connect, withClient } from '../server/connect.js';
import { cloneTemplate } from '../cache/templates.js';
import { createDatabase, dropDatabase } from '../server/databases.js';
import type { PostgresServer } from '../server/types.js';
import { significantTokens } from '../sql/lexer.js';
import { expressionRefusal, typeNameRefusal } from './expression-text.js';

/**
 * Asks the server whether two defaults are the same value, with the rule that text from a
 * snapshot never runs anywhere it could do harm. Every layer holds on its own:
 * - only on the harness's own server (embedded or container), never on a `url:` database nor on
 *   a PARITY_DATABASE_URL server, and only in a throwaway database: a clone of `template` (a
 *   built source, so the project's domains and enums exist) or an empty one;
 * - as a role made for this and dropped afterwards: no superuser, no file or program access;
 *   the copy's SECURITY DEFINER routines made SECURITY INVOKER first (they belong to the builder);
 * - each expression and type name checked to be one expression (expression-text.ts, reading it
 *   with the project's one SQL lexer, as the server will), the type confirmed by the server
 *   through a bound parameter, everything sent with the extended protocol (one statement, never
 *   several), read-only, with a statement timeout;
 * - two evaluations that agree prove nothing about a value that depends on when or where it is
 *   computed (`2026` and the year of now(), a date and CURRENT_DATE): a constant — an expression
 *   the planner folds, asked with EXPLAIN, which plans without running — is never the same
 *   default as one that is not;
 * - the same value means the same text out of the type (`'1 mon'` and `'30 days'` are equal by
 *   the interval's `=`, but not the same default; nor are numeric `1.0` and `1`), in two
 *   sessions unlike each other (time zones 25 hours apart, so no local date is the same in both;
 *   another first schema in search_path; other date and interval styles; another current_user
 *   under SET ROLE: `CURRENT_DATE` vs the UTC date, `current_schema()`, `current_user` vs
 *   `session_user`), each twice with time passing in between (`now()` vs `clock_timestamp()`);
 *   anything that errors stays a difference.
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

/**
 * The two sessions, as unlike each other as a default could notice: local dates 25 hours apart
 * (UTC+14 and UTC−11: a date in one time zone is never the date in the other, nor both UTC's), a
 * search_path whose first schema differs (`current_schema()`), date and interval styles, and
 * another current_user under SET ROLE. standard_conforming_strings is on in both, as the lexer
 * the expressions were checked with (expression-text.ts) reads strings.
 */
const SESSIONS = [
  () => "SET LOCAL TimeZone = 'Pacific/Kiritimati'; SET LOCAL search_path = pg_catalog; SET LOCAL DateStyle = 'ISO, MDY'; SET LOCAL IntervalStyle = 'postgres'",
  (role: string) =>
    `SET LOCAL TimeZone = 'Pacific/Pago_Pago'; SET LOCAL search_path = information_schema, pg_catalog; SET LOCAL DateStyle = 'SQL, DMY'; SET LOCAL IntervalStyle = 'postgres_verbose'; SET LOCAL ROLE ${escapeIdentifier(role)}`,
];

async function sameValue(client: pg.Client, q: DefaultQuestion, otherRole: string): Promise<DefaultAnswer> {
  // the extended protocol parses exactly one statement: a second one is an error, never run
  const probe = { text: `SELECT (((${q.a})::${q.type})::text IS NOT DISTINCT FROM ((${q.b})::${q.type})::text) AS same`, queryMode: 'extended' } as pg.QueryConfig;
  for (const [i, session] of SESSIONS.entries()) {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
      await client.query(`SET LOCAL standard_conforming_strings = on; SET LOCAL statement_timeout = '5s'; ${session(otherRole)}`);
      const { rows } = await client.query<{ known: boolean }>({ text: 'SELECT to_regtype($1) IS NOT NULL AS known', values: [q.type] });
      if (!rows[0]?.known) return { unevaluated: `type ${q.type} does not exist where the defaults are evaluated` };
      // a constant and a value that depends on when or where it is computed are not the same
      // default, however often they agree (2026 and the year of now(), a date and CURRENT_DATE)
      if (i === 0 && (await isConstant(client, q.a)) !== (await isConstant(client, q.b))) return { same: false };
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

/**
 * Whether the planner folds `expression` to a constant: it calls nothing but immutable functions
 * (no now(), CURRENT_DATE, current_schema(), random(), nextval()), so its value is the same at
 * any time in any session. EXPLAIN plans the query without running it; its VERBOSE output is the
 * expression as the planner left it: a literal (`2026`, `'a'::text`, `NULL::integer`) only when
 * folded — or a literal cast to a domain (`(0)::public.amount`), which the planner never folds
 * (the domain's CHECK runs at execution) but whose value is the literal's.
 */
async function isConstant(client: pg.Client, expression: string): Promise<boolean> {
  const { rows } = await client.query({ text: `EXPLAIN (VERBOSE, COSTS OFF, FORMAT JSON) SELECT (${expression})`, queryMode: 'extended' } as pg.QueryConfig);
  const raw: unknown = rows[0]?.['QUERY PLAN'];
  const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Array<{ Plan?: { 'Node Type'?: string; Plans?: unknown; Output?: unknown } }>;
  const node = plan[0]?.Plan;
  if (node?.['Node Type'] !== 'Result' || node.Plans !== undefined || !Array.isArray(node.Output) || node.Output.length !== 1) return false;
  for (let text = String(node.Output[0]); ; ) {
    if (isLiteral(text)) return true;
    const cast = outerCast(text);
    if (!cast) return false;
    const { rows: domain } = await client.query<{ is: boolean }>({ text: "SELECT EXISTS (SELECT FROM pg_catalog.pg_type WHERE oid = pg_catalog.to_regtype($1) AND typtype = 'd') AS is", values: [cast.type] });
    if (domain[0]?.is !== true) return false;
    text = cast.inner;
  }
}

/** `(inner)::type` split in two, as the server writes a cast it has not folded; undefined for anything else. */
export function outerCast(text: string): { inner: string; type: string } | undefined {
  const tokens = significantTokens(text);
  const symbol = (i: number, s: string) => tokens[i]?.kind === 'symbol' && text.slice(tokens[i]!.start, tokens[i]!.end) === s;
  if (!symbol(0, '(')) return undefined;
  let depth = 0;
  for (const [i, token] of tokens.entries()) {
    if (token.kind !== 'symbol') continue;
    const s = text.slice(token.start, token.end);
    if (s === '(') depth++;
    else if (s === ')' && --depth === 0) {
      const typeStart = tokens[i + 2];
      if (!symbol(i + 1, '::') || typeStart === undefined) return undefined;
      const type = text.slice(typeStart.start);
      return typeNameRefusal(type) === undefined ? { inner: text.slice(tokens[0]!.end, token.start), type } : undefined;
    }
  }
  return undefined;
}

/** Whether `text` is how the server writes a constant: `2026`, `true`, `'…'` or `NULL`, then perhaps `::` and a type name. */
export function isLiteral(text: string): boolean {
  const tokens = significantTokens(text);
  const [first, cast, typeStart] = tokens;
  if (!first) return false;
  const firstText = text.slice(first.start, first.end);
  if (first.kind === 'word' ? !/^(true|false|null)$/i.test(firstText) : first.kind !== 'string' && first.kind !== 'number') return false;
  if (first.kind === 'string' && !/'$/.test(firstText)) return false;
  if (tokens.length === 1) return true;
  return cast?.kind === 'symbol' && text.slice(cast.start, cast.end) === '::' && typeStart !== undefined && typeNameRefusal(text.slice(typeStart.start)) === undefined;
}

async function emptyDatabase(server: PostgresServer): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = await createDatabase(server, 'probe');
  return { url: server.urlFor(name), drop: () => dropDatabase(server, name) };
}
