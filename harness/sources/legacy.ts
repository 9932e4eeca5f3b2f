import { createHash } from 'node:crypto';
import type pg from 'pg';
import { formatOf, type FormatName, type MigrationFormat, type MigrationUnit } from './formats/index.js';
import { MigrationFolderError } from './migration-files.js';
import { SourceBuildError, type BuildableSource, type BuildContext } from './source.js';
import { splitStatements, type SqlStatement } from '../sql/statements.js';
import { blockMayCreateRole, createdRole } from './sql-split.js';
import { indexOfPosition, lineAndColumn, lineAndColumnAt, serverMessage, type ServerErrorFields } from './sql-position.js';

/**
 * What the legacy runner records, as production's `schema_migrations` (no serial: production has
 * no sequences). Qualified: a migration may empty the search_path (pg_dump's preamble does).
 */
const CREATE_SCHEMA_MIGRATIONS = `
CREATE TABLE IF NOT EXISTS public.schema_migrations (
  version bigint PRIMARY KEY,
  name text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;
const RECORD = 'INSERT INTO public.schema_migrations (version, name) VALUES ($1, $2)';

export interface LegacyOptions {
  /** Replay up to and including this version (a Flyway version like `1.1`, a Sqitch change or tag). */
  upTo?: bigint | string;
  /** The tool that wrote the folder; detected from the folder when not given. */
  format?: FormatName;
}

/** The format of `dir` and the units a replay up to `upTo` runs; refuses a version that is not in the folder. */
export function selectUnits(dir: string, options: LegacyOptions = {}): { format: MigrationFormat; units: MigrationUnit[] } {
  const format = formatOf(dir, options.format);
  const units = format.list(dir);
  if (options.upTo === undefined) return { format, units };
  const bound = String(options.upTo);
  let last = -1;
  units.forEach((unit, i) => {
    if (!unit.afterVersioned && !unit.callback && (sameVersion(unit.version, bound) || unit.aliases?.includes(bound))) last = i;
  });
  if (last < 0) {
    const versioned = units.filter((unit) => !unit.afterVersioned && !unit.callback);
    throw new MigrationFolderError(`${dir} has no migration with version ${bound} (versions ${versioned[0]!.version}–${versioned[versioned.length - 1]!.version})`);
  }
  return { format, units: units.filter((unit, i) => i <= last || unit.afterVersioned) };
}

/** `7` = `007`, Flyway's `1.1` = `1_1` = `1.1.0`; anything else as written. */
function sameVersion(a: string, b: string): boolean {
  const numeric = /^\d+(?:[._]\d+)*$/;
  if (!numeric.test(a) || !numeric.test(b)) return a === b;
  const parts = (v: string) => v.split(/[._]/).map(BigInt);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0n) !== (y[i] ?? 0n)) return false;
  return true;
}

/**
 * Replays a migration folder the way the tool that wrote it runs it (see formats/): in its
 * order, only the up parts, each unit in its transaction mode, and each in a fresh session or
 * all on one, as the tool holds its connection (`format.session`, or its `sessionOf` the folder).
 * A failing unit stops the replay with file:line:column and the server's message; nothing after
 * it is applied.
 */
export async function replayLegacy(client: pg.ClientBase, dir: string, options: LegacyOptions & BuildContext = {}): Promise<MigrationUnit[]> {
  const { format, units } = selectUnits(dir, options);
  if (options.provider === 'url') refuseRoles(units.flatMap(withAround));
  const roles = new Roles(client, options.log);
  for (const { file, why } of format.skipped?.(dir) ?? []) options.log?.(`${file}: skipped: ${why}`);
  if (format.ledger) await client.query(CREATE_SCHEMA_MIGRATIONS);
  const session = format.sessionOf?.(dir) ?? format.session;
  // all units in one transaction (node-pg-migrate): none has its own
  const outer = session === 'one-transaction';
  if (outer) await client.query('BEGIN');
  // where the tool's own table is made, on the connection as the tool opens it
  const home = format.toolTable ? ((await client.query("SELECT coalesce(pg_catalog.current_schema(), 'public') AS s")).rows[0]?.s as string) : undefined;
  let kept: Settings | undefined;
  for (const [i, unit] of units.entries()) {
    if (unit.note) options.log?.(`${unit.file}: ${unit.note}`);
    if (unit.transaction === 'none') options.log?.(`${unit.file}: statement by statement, not wrapped in a transaction (${unit.reason})`);
    if (unit.transaction === 'implicit' && unit.reason) options.log?.(`${unit.file}: sent as one query, not in a transaction block (${unit.reason})`);
    // the Supabase CLI resets the settings before each file, on the same connection
    if (session === 'reset-all' && i > 0) await client.query('RESET ALL');
    // Flyway runs its callbacks on other connections than the migrations': a session of their own
    if (i > 0 && unit.connection !== units[i - 1]!.connection) kept = await switchConnection(client, units, i, kept);
    if (unit.setup) await runSetup(client, unit);
    const recorded = home === undefined ? undefined : () => refuseLostToolTable(client, unit, format, home);
    await runUnit(client, unit, format.ledger === true, roles, outer ? format.name : undefined, recorded);
    // on one connection the settings of a file reach the next, but never what is built after the replay
    if (session === 'one' || session === 'reset-all') await refuseOpenTransaction(client, unit);
    if (outer && i === units.length - 1) await commitAll(client, unit);
    if (session === 'per-file' || i === units.length - 1) await freshSession(client, unit);
  }
  return units;
}

/**
 * The tool records the migration in its table (see MigrationFormat.toolTable), where it made it
 * (`home`, the current schema as the replay began): a migration that leaves the session where the
 * tool cannot find that table makes the tool fail right there, so the replay stops there too.
 */
async function refuseLostToolTable(client: pg.ClientBase, unit: MigrationUnit, format: MigrationFormat, home: string): Promise<void> {
  const { name, found } = format.toolTable!;
  const { rows } = await client.query<{ now: string; onPath: boolean; path: string }>(
    "SELECT coalesce(pg_catalog.current_schema(), 'public') AS now, $1 = ANY (pg_catalog.current_schemas(false)) AS \"onPath\", pg_catalog.current_setting('search_path') AS path",
    [home],
  );
  const { now, onPath, path } = rows[0]!;
  if (found === 'on-path' ? onPath : now === home) return;
  const where = found === 'on-path' ? `without ${home} on it, where ${format.name} made its table ${name}: ${format.name} records each migration in "${name}", named without its schema` : `${now} the current schema: ${format.name} records each migration in ${name} of the current schema`;
  const missing = found === 'on-path' ? name : `${now}.${name}`;
  throw new SourceBuildError(
    `${unit.file}: leaves search_path = ${path}, ${where}, right after the migration, and fails there (relation "${missing}" does not exist): the tool stops at this file. Set the search_path back at its end (RESET search_path), or qualify the names instead.`,
  );
}

/**
 * Runs one unit in its transaction mode; inside the replay's one transaction (`oneTransaction`:
 * the tool's name, for messages) in none of its own, statement by statement so that a failure is
 * placed without re-running anything. `recorded` runs where the tool records the unit: in its
 * transaction, or after it when it has none (a script sent as one query ends its own).
 */
async function runUnit(client: pg.ClientBase, unit: MigrationUnit, ledger: boolean, roles: Roles, oneTransaction?: string, recorded?: () => Promise<void>): Promise<void> {
  if (unit.transaction === 'batches' && oneTransaction === undefined) return runBatches(client, unit, ledger, roles);
  // with callbacks around it (Flyway), statement by statement: a failure is placed in the file that failed
  const split = unit.statements ?? (oneTransaction !== undefined || unit.transaction === 'none' || unit.around || mayCreateRole(unit.sql) ? splitStatements(unit.sql).map((s): [number, number] => [s.start, s.end]) : undefined);
  const record = async () => {
    if (ledger) await client.query(RECORD, [unit.version, unit.name]);
  };
  const inTransaction = oneTransaction === undefined && (unit.transaction === 'file' || (unit.transaction === 'implicit' && split !== undefined));
  try {
    if (inTransaction) await client.query('BEGIN');
    await runCallbacks(client, unit.around?.before, roles, oneTransaction);
    if (split) {
      for (const [start, end] of split) {
        await runCallbacks(client, unit.around?.beforeStatement, roles, oneTransaction);
        await runStatement(client, unit, start, end, roles, oneTransaction);
        await runCallbacks(client, unit.around?.afterStatement, roles, oneTransaction);
      }
    } else {
      try {
        await client.query(unit.sql);
      } catch (error) {
        if ((error as ServerErrorFields).position) throw located(unit, error, (position) => lineAndColumn(unit.sql, position));
        await client.query('ROLLBACK').catch(() => {});
        const at = await failingStatement(client, unit, error as ServerErrorFields);
        throw located(unit, error, () => undefined, at);
      }
    }
    await runCallbacks(client, unit.around?.after, roles, oneTransaction);
    await record();
    if (unit.transaction !== 'implicit') await recorded?.();
    if (inTransaction) await client.query('COMMIT');
    if (unit.transaction === 'implicit') await recorded?.();
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    if (error instanceof SourceBuildError) throw error;
    throw located(unit, error, () => undefined);
  }
}

/**
 * The Supabase CLI's way with a file holding a statement that cannot run in a transaction: such
 * statements (`alone`) each on its own, the statements between them each run in one transaction,
 * the record in the last. A failure rolls back its own transaction only; what committed before stays.
 */
async function runBatches(client: pg.ClientBase, unit: MigrationUnit, ledger: boolean, roles: Roles): Promise<void> {
  const alone = new Set(unit.alone ?? []);
  let open = false;
  try {
    for (const [i, [start, end]] of (unit.statements ?? []).entries()) {
      if (alone.has(i) === open) {
        await client.query(open ? 'COMMIT' : 'BEGIN');
        open = !open;
      }
      await runStatement(client, unit, start, end, roles);
    }
    if (!open) await client.query('BEGIN');
    if (ledger) await client.query(RECORD, [unit.version, unit.name]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    if (error instanceof SourceBuildError) throw error;
    throw located(unit, error, () => undefined);
  }
}

/** Callbacks the tool runs with a unit (Flyway's beforeEachMigrate …): statement by statement, in the unit's transaction and session. */
async function runCallbacks(client: pg.ClientBase, callbacks: MigrationUnit[] | undefined, roles: Roles, oneTransaction?: string): Promise<void> {
  for (const callback of callbacks ?? []) {
    for (const { start, end } of splitStatements(callback.sql)) await runStatement(client, callback, start, end, roles, oneTransaction);
  }
}

/** A unit and the callbacks that run with it. */
function withAround(unit: MigrationUnit): MigrationUnit[] {
  const around = unit.around;
  return around ? [unit, ...around.before, ...around.beforeStatement, ...around.afterStatement, ...around.after] : [unit];
}

/** What the tool runs on the session before a unit (Flyway resets the role and search_path); a failure names the unit. */
async function runSetup(client: pg.ClientBase, unit: MigrationUnit): Promise<void> {
  try {
    await client.query(unit.setup!);
  } catch (error) {
    throw located(unit, error, () => undefined);
  }
}

type Settings = Array<{ name: string; setting: string }>;

/**
 * Between units on different connections of the tool (Flyway runs callbacks on its main and event
 * connections, the migrations on one of their own): a fresh session, as a new connection has. The
 * migrations' session, left with migrations still to come, is resumed with its settings set again
 * as the tool's connection kept them; a temporary table cannot be kept, so it is refused.
 */
async function switchConnection(client: pg.ClientBase, units: MigrationUnit[], i: number, kept?: Settings): Promise<Settings | undefined> {
  const [previous, unit] = [units[i - 1]!, units[i]!];
  if (previous.connection === undefined && units.slice(i).some((later) => later.connection === undefined)) {
    const { rows } = await client.query('SELECT relname FROM pg_catalog.pg_class WHERE relnamespace = pg_catalog.pg_my_temp_schema()');
    if (rows.length) {
      throw new SourceBuildError(`${previous.file}: leaves temporary table ${rows[0].relname} on the migrations' connection, where the tool keeps it for the migrations after ${unit.file}; the replay runs ${unit.file} on a fresh session and cannot keep it. Drop it at the end of ${previous.file} if no later migration uses it.`);
    }
    kept = (await client.query<{ name: string; setting: string }>("SELECT name, setting FROM pg_catalog.pg_settings WHERE source = 'session'")).rows;
  }
  await freshSession(client, previous);
  if (unit.connection !== undefined || !kept) return kept;
  for (const { name, setting } of kept) await client.query('SELECT pg_catalog.set_config($1, $2, false)', [name, setting]);
  return undefined;
}

async function runStatement(client: pg.ClientBase, unit: MigrationUnit, start: number, end: number, roles: Roles, oneTransaction?: string): Promise<void> {
  const text = unit.sql.slice(start, end);
  const statement = splitStatements(text)[0];
  if (statement && (await roles.skip(statement, unit, start))) return;
  try {
    await client.query(text);
  } catch (error) {
    // no position from the server: the statement's first line
    const placed = located(unit, error, (position) => lineAndColumnAt(unit.sql, start + indexOfPosition(text, position)), lineAndColumnAt(unit.sql, start));
    if (oneTransaction !== undefined && (error as ServerErrorFields).code === '25001') {
      throw new SourceBuildError(`${placed.message}: ${oneTransaction} runs all pending migrations in one transaction (its default), where this cannot run either; a chain applied with --no-single-transaction is not replayed`, { cause: placed });
    }
    throw placed;
  }
}

/** Ends the replay's one transaction (a deferred constraint is checked here: its failure names the last unit). */
async function commitAll(client: pg.ClientBase, unit: MigrationUnit): Promise<void> {
  try {
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw located(unit, error, () => undefined);
  }
}

/**
 * The server gave no position for an error in a whole file: where the failing statement starts.
 * With more than one statement they are re-run one by one in a transaction that is rolled back;
 * the first that fails with the same error is the one.
 */
async function failingStatement(client: pg.ClientBase, unit: MigrationUnit, original: ServerErrorFields): Promise<{ line: number; column: number } | undefined> {
  const statements = splitStatements(unit.sql);
  if (statements.length === 1) return lineAndColumnAt(unit.sql, statements[0]!.start);
  await client.query('BEGIN');
  try {
    for (const statement of statements) {
      try {
        await client.query(statement.text);
      } catch (error) {
        const same = (error as ServerErrorFields).message === original.message && (error as ServerErrorFields).code === original.code;
        return same ? lineAndColumnAt(unit.sql, statement.start) : undefined;
      }
    }
    return undefined;
  } finally {
    await client.query('ROLLBACK').catch(() => {});
  }
}

/** `file:line:col: message [code] (detail; hint; where)`, the line counted in the file. */
function located(unit: MigrationUnit, error: unknown, at: (position: number) => { line: number; column: number } | undefined, fallback?: { line: number; column: number }): SourceBuildError {
  const fields = error as ServerErrorFields;
  const where = (fields.position ? at(Number(fields.position)) : undefined) ?? fallback;
  const line = where ? unit.line + where.line - 1 : undefined;
  const location = where ? `${unit.file}:${line}:${where.column}` : unit.file;
  return new SourceBuildError(`${location}: ${serverMessage({ ...fields, message: fields.message ?? String(error) })}`, { cause: error, file: unit.file, line, column: where?.column, sqlstate: fields.code });
}

/**
 * psql runs every file in a new session: a SET, a SET ROLE or a temp table of one file must not
 * reach the next. A unit that leaves its own transaction open is refused: psql would end the
 * session and the server would roll the work back.
 */
async function freshSession(client: pg.ClientBase, unit: MigrationUnit): Promise<void> {
  try {
    await client.query('DISCARD ALL');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    const open = (error as ServerErrorFields).code === '25001';
    throw new SourceBuildError(
      open
        ? `${unit.file}: leaves a transaction open (a BEGIN without its COMMIT): psql would end the session and the server would roll the work back. Add the COMMIT.`
        : `${unit.file}: after it, the session cannot be reset: ${serverMessage(error as ServerErrorFields)}`,
      { cause: error },
    );
  }
}

/**
 * On one connection nothing is reset between files, but a file must still not leave its own
 * transaction open: the tool would run the next files inside it, and it would be rolled back when
 * the connection ends. SAVEPOINT is the probe: outside a transaction block the server refuses it
 * (25P01) and nothing changes.
 */
async function refuseOpenTransaction(client: pg.ClientBase, unit: MigrationUnit): Promise<void> {
  try {
    await client.query('SAVEPOINT parity_open_transaction_probe');
  } catch (error) {
    if ((error as ServerErrorFields).code === '25P01') return;
  }
  await client.query('ROLLBACK').catch(() => {});
  throw new SourceBuildError(`${unit.file}: leaves a transaction open (a BEGIN without its COMMIT): the tool would go on inside it, and the server would roll it back at the end. Add the COMMIT.`);
}

/** Whether a unit may create a role (a CREATE ROLE statement, or a DO block that may): read on the lexer's words, never on the text. */
function mayCreateRole(sql: string): boolean {
  return splitStatements(sql).some((statement) => createdRole(statement) !== undefined || blockMayCreateRole(statement));
}

/** The statements of a unit, as the runner would send them. */
function statementsOf(unit: MigrationUnit): SqlStatement[] {
  if (!unit.statements) return splitStatements(unit.sql);
  return unit.statements.flatMap(([start, end]) => splitStatements(unit.sql.slice(start, end)).slice(0, 1).map((s) => ({ ...s, start: start + s.start, end: start + s.end })));
}

/** On someone's server (`url:`) a replay never creates a role: roles outlive the database. */
function refuseRoles(units: MigrationUnit[]): void {
  for (const unit of units) {
    if (!mayCreateRole(unit.sql)) continue;
    for (const statement of statementsOf(unit)) {
      const role = createdRole(statement);
      // the idempotent idiom: DO $$ BEGIN IF NOT EXISTS (…) THEN CREATE ROLE … END IF; END $$
      const inBlock = !role && blockMayCreateRole(statement);
      if (!role && !inBlock) continue;
      const { line, column } = lineAndColumnAt(unit.sql, statement.start);
      throw new SourceBuildError(
        `${unit.file}:${unit.line + line - 1}:${column}: ${role ? `creates role "${role}"` : 'creates a role in a DO block'}: roles belong to the whole server and would stay behind on this url: server, so the replay does not run it there. Build on the embedded server (unset PARITY_DATABASE_URL, or PARITY_SERVER=embedded) or the container one.`,
      );
    }
  }
}

/**
 * Roles are shared by all databases of a server: a second build of a chain (another source, or a
 * second database in the same run) finds the roles of the first. On our throwaway server a
 * `CREATE ROLE` of a role that exists and that this build did not create is skipped; a second
 * `CREATE ROLE` of a role this build created still fails, as it did in production.
 */
class Roles {
  readonly #created = new Set<string>();
  constructor(
    private readonly client: pg.ClientBase,
    private readonly log?: (line: string) => void,
  ) {}

  async skip(statement: SqlStatement, unit: MigrationUnit, offset: number): Promise<boolean> {
    const role = createdRole(statement);
    if (role === undefined || this.#created.has(role)) return false;
    this.#created.add(role);
    const { rowCount } = await this.client.query('SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = $1', [role]);
    if (!rowCount) return false;
    const { line } = lineAndColumnAt(unit.sql, offset);
    this.log?.(`${unit.file}:${unit.line + line - 1}: role "${role}" exists on this server already (another build made it): CREATE ROLE skipped`);
    return true;
  }
}

/** `legacy:<dir>[@<version>][?format=<tool>]` */
export function legacySource(dir: string, options: LegacyOptions & { label?: string; spec?: string } = {}): BuildableSource {
  const spec = options.spec ?? `legacy:${dir}${options.upTo !== undefined ? `@${options.upTo}` : ''}${options.format ? `?format=${options.format}` : ''}`;
  return {
    kind: 'legacy',
    spec,
    label: options.label ?? 'legacy',
    async hash() {
      const { format, units } = selectUnits(dir, options);
      // how the tool holds its session (which the folder may decide: supabase/migrations) and
      // where it records each migration change what the same files build
      const digest = createHash('sha256').update(`legacy\0${format.name}\0${format.sessionOf?.(dir) ?? format.session}\0${JSON.stringify(format.toolTable ?? null)}\0`);
      for (const unit of units) {
        digest.update(`${unit.file}\0${unit.version}\0${unit.name}\0${unit.transaction}\0${unit.line}\0${JSON.stringify(unit.statements ?? null)}\0${JSON.stringify([unit.callback, unit.connection, unit.setup, unit.around])}\0`).update(unit.sql).update('\0');
      }
      return digest.digest('hex');
    },
    async build(client, context) {
      await replayLegacy(client, dir, { ...options, ...context });
    },
  };
}
