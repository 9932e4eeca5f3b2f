/**
 * How a migration tool's folder is replayed. Each tool's module lists a folder as the tool itself
 * would: which files run, in which order, which part of each (never a down/revert/undo part), and
 * how (in a transaction or not).
 */
export const FORMAT_NAMES = ['plain', 'atlas', 'dbmate', 'goose', 'golang-migrate', 'node-pg-migrate', 'flyway', 'prisma', 'sqitch'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

/**
 * - `file`: BEGIN; the unit; COMMIT (psql -1, goose, dbmate, Flyway, Atlas' txmode file …)
 * - `none`: statement by statement, each committed on its own, as psql without -1 runs a file
 *   (goose NO TRANSACTION, Atlas txmode none, Sqitch, a plain file with CREATE INDEX CONCURRENTLY)
 * - `implicit`: the whole text as one query, which the server runs as one implicit transaction
 *   (golang-migrate, dbmate transaction:false, Prisma)
 * - `batches`: the statements listed in `alone` each on its own outside a transaction, the
 *   statements between them each run in a transaction, the record in the last (the Supabase CLI)
 */
export type TransactionMode = 'file' | 'none' | 'implicit' | 'batches';

export interface MigrationUnit {
  /** Path inside the folder, for messages: `V1_1__add.sql`, `20250101_init/migration.sql`. */
  file: string;
  path: string;
  /** What `legacy:<dir>@<version>` names: `7`, `1.1`, a Sqitch change. */
  version: string;
  name: string;
  /** The SQL that runs (the up part only). */
  sql: string;
  /** The file's line on which `sql` starts (1-based): positions in `sql` are reported in the file. */
  line: number;
  transaction: TransactionMode;
  /** Why not `file`, for the progress line: `-- +goose NO TRANSACTION`, `CREATE INDEX CONCURRENTLY at line 12`. */
  reason?: string;
  /** Statements as the tool splits them (goose), as [start, end) indexes into `sql`; else split like psql when needed. */
  statements?: Array<[number, number]>;
  /** `batches`: the indexes in `statements` of those that run on their own, outside a transaction. */
  alone?: number[];
  /** Other names `@…` may use for this unit (Sqitch tags). */
  aliases?: string[];
  /** Runs after the versioned units whatever the bound (Flyway repeatable). */
  afterVersioned?: boolean;
  /** Something the tool does with this file that a reader would not expect, for the progress output. */
  note?: string;
  /** What the tool runs around the migrations rather than a migration (a Flyway callback): no version, `@…` never names it. */
  callback?: string;
  /**
   * The tool runs this unit on another connection than the migrations' (Flyway's main and event
   * connections): units in a row with the same label share one fresh session, and the migrations'
   * session is resumed after them as they left it.
   */
  connection?: string;
  /** SQL the tool runs on the session right before the unit, not the file's (Flyway's reset of the role and search_path). */
  setup?: string;
  /** Callbacks the tool runs with the unit, in its transaction and session: before it, before and after each of its statements, after it. */
  around?: { before: MigrationUnit[]; beforeStatement: MigrationUnit[]; afterStatement: MigrationUnit[]; after: MigrationUnit[] };
}

/**
 * - `per-file`: each file in a fresh session, as psql runs each file (`DISCARD ALL` between files)
 * - `one`: all files on one connection, as the tool runs them: a `SET` in one file reaches the next
 * - `one-transaction`: all files on one connection in one transaction (node-pg-migrate's default):
 *   a `SET LOCAL` in one file reaches the next too, and what cannot run in a transaction fails
 * - `reset-all`: all files on one connection, `RESET ALL` before each (the Supabase CLI): a `SET`
 *   does not reach the next file, a `SET ROLE` or a temporary table does
 */
export type SessionMode = 'per-file' | 'one' | 'one-transaction' | 'reset-all';

/** A file in the folder that the tool passes over, and why (it says so, or not). */
export interface SkippedFile {
  file: string;
  why: string;
}

export interface MigrationFormat {
  name: FormatName;
  /** One line for messages and the README: what the folder looks like. */
  describe: string;
  /** Whether `dir` looks like this tool's folder (names and markers only). */
  detect(dir: string): boolean;
  /** The units of `dir` in the order the tool runs them; refuses a folder the tool would refuse. */
  list(dir: string): MigrationUnit[];
  /** Whether settings of one file reach the next: how the tool holds its connection. */
  session: SessionMode;
  /** When the session depends on the folder (plain: a `supabase/migrations` folder is the Supabase CLI's). */
  sessionOf?(dir: string): SessionMode;
  /**
   * The table the tool records each migration in, right after it (in its transaction when it has
   * one), when where that table is found depends on the session the migration leaves: named
   * without its schema and found through the search_path (`on-path`: goose, Prisma), or in the
   * schema that is current then (`current-schema`: dbmate). A migration that leaves the session
   * where the tool cannot find it makes the tool fail right there: the replay refuses it.
   */
  toolTable?: { name: string; found: 'on-path' | 'current-schema' };
  /** Files of `dir` the tool skips rather than refuses; the replay lists them in its output. */
  skipped?(dir: string): SkippedFile[];
  /** Our runner records its own `schema_migrations` rows for this format. */
  ledger?: boolean;
}
