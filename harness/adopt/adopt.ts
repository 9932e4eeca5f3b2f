import type pg from 'pg';
import type { DrizzleMigration } from '../sources/drizzle-journal.js';
import { AdoptRefusedError, CREATE_SCHEMA, type AdoptPlan, type LedgerStatement } from './ledger.js';
import { planV1 } from './ledger-v1.js';

export { AdoptRefusedError, showStatement, type AdoptPlan, type LedgerStatement } from './ledger.js';

/** Which drizzle-kit wrote the baseline folder, hence which drizzle-orm reads the ledger. */
export type DrizzleMajor = '0.x' | '1.x';

/** What drizzle-orm 0.x's migrator creates, word for word (drizzle-orm/pg-core/dialect). */
const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "drizzle"."__drizzle_migrations" (
  id SERIAL PRIMARY KEY,
  hash text NOT NULL,
  created_at bigint
)`;

interface Row {
  hash: string;
  created_at: string | null;
}

async function recordedRows(client: pg.ClientBase): Promise<Row[]> {
  const { rows: exists } = await client.query<{ t: string | null }>(`SELECT to_regclass('drizzle.__drizzle_migrations')::text AS t`);
  if (!exists[0]?.t) return [];
  const { rows } = await client.query<Row>('SELECT hash, created_at::text AS created_at FROM drizzle.__drizzle_migrations ORDER BY created_at, id');
  return rows;
}

/**
 * Which baseline migrations `drizzle.__drizzle_migrations` lacks. For drizzle-kit 0.x, rows already
 * there must be the journal's first migrations, in order, with the same hash and created_at;
 * anything else is a database this baseline does not describe, and adoption refuses. drizzle-kit
 * 1.x baselines follow drizzle-orm 1.x's ledger (ledger-v1.ts).
 */
export async function planAdoption(client: pg.ClientBase, baseline: DrizzleMigration[], major: DrizzleMajor = '0.x'): Promise<AdoptPlan> {
  if (major === '1.x') return planV1(client, baseline);
  const rows = await recordedRows(client);
  if (rows.length > baseline.length) {
    throw new AdoptRefusedError(
      `drizzle.__drizzle_migrations holds ${rows.length} rows, more than the ${baseline.length} baseline migrations: this database has moved past the baseline; run drizzle-kit migrate instead`,
    );
  }
  rows.forEach((row, i) => {
    const expected = baseline[i]!;
    if (row.hash !== expected.hash || row.created_at !== String(expected.when)) {
      throw new AdoptRefusedError(
        `drizzle.__drizzle_migrations row ${i + 1} (hash ${row.hash.slice(0, 12)}…, created_at ${row.created_at}) does not match the journal's ${expected.tag} (hash ${expected.hash.slice(0, 12)}…, when ${expected.when}): the table records other migrations than this baseline; find out where they came from before adopting`,
      );
    }
  });
  const toRecord = baseline.slice(rows.length);
  const statements: LedgerStatement[] =
    toRecord.length === 0
      ? []
      : [
          { sql: CREATE_SCHEMA, params: [] },
          { sql: CREATE_TABLE, params: [] },
          ...toRecord.map((m) => ({ sql: 'INSERT INTO "drizzle"."__drizzle_migrations" ("hash", "created_at") VALUES ($1, $2)', params: [m.hash, m.when], note: m.tag })),
        ];
  return { recorded: baseline.slice(0, rows.length), toRecord, statements };
}

/** Runs the plan in one transaction, under an advisory lock. */
export async function recordBaseline(client: pg.ClientBase, baseline: DrizzleMigration[], major: DrizzleMajor = '0.x'): Promise<AdoptPlan> {
  await client.query('BEGIN');
  try {
    // two adopts at once would both see an empty table
    await client.query("SELECT pg_advisory_xact_lock(hashtext('schema-parity adopt'))");
    const plan = await planAdoption(client, baseline, major);
    for (const statement of plan.statements) await client.query(statement.sql, statement.params);
    await client.query('COMMIT');
    return plan;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}
