import type pg from 'pg';
import type { DrizzleMigration } from '../sources/drizzle-journal.js';
import { AdoptRefusedError, CREATE_SCHEMA, type AdoptPlan, type LedgerStatement } from './ledger.js';

/**
 * drizzle-orm 1.x's ledger, as its pg migrator (pg-core/async/session.ts `migrate`, 1.0.0-rc.5)
 * creates it, word for word. There is no `version` column: drizzle-orm 1.x calls a table with a
 * `name` column version 1 and one without it version 0 (up-migrations/utils.ts GET_VERSION_FOR).
 */
const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "drizzle"."__drizzle_migrations" (
  id SERIAL PRIMARY KEY,
  hash text NOT NULL,
  created_at bigint,
  name text,
  applied_at timestamp with time zone DEFAULT now()
)`;
/** The migrator's own insert (also what `init` writes): applied_at is left to its default, now(). */
const INSERT = 'INSERT INTO "drizzle"."__drizzle_migrations" ("hash", "created_at", "name") VALUES ($1, $2, $3)';
/** up-migrations/pg.ts upToV1: the two columns, then each matched row's name with applied_at NULL. */
const UPGRADE = [
  'ALTER TABLE "drizzle"."__drizzle_migrations" ADD COLUMN IF NOT EXISTS "name" text',
  'ALTER TABLE "drizzle"."__drizzle_migrations" ADD COLUMN IF NOT EXISTS "applied_at" timestamp with time zone DEFAULT now()',
];
const BACKFILL = 'UPDATE "drizzle"."__drizzle_migrations" SET "name" = $1, "applied_at" = NULL WHERE "id" = $2';

interface Row {
  id: number;
  hash: string;
  created_at: string | null;
  name?: string | null;
}

/** created_at cut to the second the way upToV1 does it (text minus 3 digits + "000"): a 0.x `when` meets its 1.x folder. */
const toSecond = (createdAt: string | null): number => {
  const s = String(createdAt);
  return Number(`${s.substring(0, s.length - 3)}000`);
};

/**
 * upToV1's matching, step for step: by created_at's second when one migration has it, by hash
 * among several, by hash alone when none; later migrations win a shared hash.
 */
function matchV0Row(row: Row, baseline: DrizzleMigration[]): DrizzleMigration | undefined {
  const sorted = [...baseline].sort((a, b) => (a.when !== b.when ? a.when - b.when : a.tag.localeCompare(b.tag)));
  const candidates = sorted.filter((m) => m.when === toSecond(row.created_at));
  if (candidates.length === 1) return candidates[0];
  if (candidates.length > 1) return candidates.find((m) => m.hash === row.hash);
  return sorted.filter((m) => m.hash === row.hash).at(-1);
}

const describeRow = (row: Row) => `row id ${row.id} (hash ${row.hash.slice(0, 12)}…, created_at ${row.created_at}${row.name === undefined ? '' : `, name ${row.name}`})`;

/**
 * The plan for a drizzle-kit 1.x baseline: rows already recorded must be baseline migrations with
 * the file's hash and the folder's second; a 0.x-layout table is first upgraded exactly as
 * drizzle-orm 1.x's migrator upgrades it; then the baseline migrations not recorded by name are
 * inserted as the migrator inserts them (it runs every local migration whose name is not recorded).
 */
export async function planV1(client: pg.ClientBase, baseline: DrizzleMigration[]): Promise<AdoptPlan> {
  const { rows: exists } = await client.query<{ t: string | null }>(`SELECT to_regclass('drizzle.__drizzle_migrations')::text AS t`);
  if (!exists[0]?.t) {
    return { recorded: [], toRecord: baseline, statements: [{ sql: CREATE_SCHEMA, params: [] }, { sql: CREATE_TABLE, params: [] }, ...inserts(baseline)] };
  }
  const { rows: columns } = await client.query<{ attname: string }>(
    `SELECT attname FROM pg_catalog.pg_attribute WHERE attrelid = 'drizzle.__drizzle_migrations'::regclass AND attnum > 0 AND NOT attisdropped`,
  );
  const hasName = columns.some((c) => c.attname === 'name');
  const { rows } = await client.query<Row>(`SELECT id, hash, created_at::text AS created_at${hasName ? ', name' : ''} FROM drizzle.__drizzle_migrations ORDER BY id`);

  const statements: LedgerStatement[] = [];
  const recorded = new Map<string, DrizzleMigration>();
  if (!hasName) {
    statements.push(...UPGRADE.map((sql) => ({ sql, params: [] })));
    for (const row of rows) {
      const m = matchV0Row(row, baseline);
      if (!m) {
        throw new AdoptRefusedError(
          `drizzle.__drizzle_migrations (drizzle-orm 0.x's layout) ${describeRow(row)} matches no baseline migration by its second or its hash, as drizzle-orm 1.x's upgrade matches them: the table records migrations past or outside this baseline; run drizzle-kit migrate instead, or find out where the row came from`,
        );
      }
      if (m.hash !== row.hash) {
        throw new AdoptRefusedError(`drizzle.__drizzle_migrations ${describeRow(row)} is ${m.tag} by its second, but ${m.tag}/migration.sql now hashes to ${m.hash.slice(0, 12)}…: the file changed after it was applied; restore it before adopting`);
      }
      statements.push({ sql: BACKFILL, params: [m.tag, row.id], note: m.tag });
      recorded.set(m.tag, m);
    }
  } else {
    for (const row of rows) {
      const m = baseline.find((b) => b.tag === row.name);
      if (!row.name) {
        throw new AdoptRefusedError(`drizzle.__drizzle_migrations ${describeRow(row)} has no name: drizzle-orm 1.x ignores it and would run that migration again; give it the migration folder's name or delete it before adopting`);
      }
      if (!m) {
        throw new AdoptRefusedError(
          `drizzle.__drizzle_migrations ${describeRow(row)} names no baseline migration (${baseline.map((b) => b.tag).join(', ')}): this database has moved past the baseline or records other migrations; run drizzle-kit migrate instead, or find out where the row came from`,
        );
      }
      if (m.hash !== row.hash || m.when !== toSecond(row.created_at)) {
        throw new AdoptRefusedError(
          `drizzle.__drizzle_migrations ${describeRow(row)} does not match ${m.tag} (hash ${m.hash.slice(0, 12)}…, created_at ${m.when}): the file or the folder's timestamp changed after it was recorded; restore it before adopting`,
        );
      }
      recorded.set(m.tag, m);
    }
  }
  const toRecord = baseline.filter((m) => !recorded.has(m.tag));
  statements.push(...inserts(toRecord));
  return { recorded: baseline.filter((m) => recorded.has(m.tag)), toRecord, statements, ...(hasName ? {} : { upgrade: { rows: rows.length } }) };
}

function inserts(migrations: DrizzleMigration[]): LedgerStatement[] {
  return migrations.map((m) => ({ sql: INSERT, params: [m.hash, m.when, m.tag], note: m.tag }));
}
