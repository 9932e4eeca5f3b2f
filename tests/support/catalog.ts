import { takeSnapshot, type SnapshotOptions } from '../../harness/catalog/snapshot.js';
import type { Snapshot, Table, View } from '../../harness/catalog/model.js';
import { scratchDatabase, type ScratchDatabase } from './scratch.js';

/**
 * The empty database snapshotOf works in, one per test file (dropped after it: see
 * tests/support/per-file.ts). A database and a backend per snapshot cost the server more than
 * the snapshot itself, and a test file takes dozens.
 */
let shared: Promise<ScratchDatabase> | undefined;

/** Drops snapshotOf's database of the file that ran (a setupFiles afterAll). */
export async function dropSnapshotDatabase(): Promise<void> {
  const db = shared;
  shared = undefined;
  await (await db?.catch(() => undefined))?.drop();
}

/**
 * The snapshot of a fresh database after running `sql` in it: the SQL runs in a transaction on an
 * empty database, is snapshotted in that transaction (REPEATABLE READ, the level the snapshot
 * asks for), and rolled back, leaving the database empty again for the next one. (SQL a
 * transaction block cannot run, CREATE SUBSCRIPTION or VACUUM, needs a scratchDatabase instead.)
 */
export function snapshotOf(sql: string, options?: SnapshotOptions): Promise<Snapshot> {
  // one at a time: calls made together would otherwise share a transaction
  const next = queue.then(() => inTransaction(sql, options));
  queue = next.catch(() => undefined);
  return next;
}
let queue: Promise<unknown> = Promise.resolve();

async function inTransaction(sql: string, options?: SnapshotOptions): Promise<Snapshot> {
  const db = await (shared ??= scratchDatabase('catalog'));
  await db.client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
  try {
    await db.client.query(sql);
    // one connection for the file's snapshots: each catalog query is planned once
    return await takeSnapshot(db.client, { prepared: true, ...options });
  } finally {
    // (the snapshot may have ended the transaction already: then this only warns)
    await db.client.query('ROLLBACK');
  }
}

export function tableIn(snapshot: Snapshot, name: string, schema = 'public'): Table {
  const table = snapshot.tables.find((t) => t.schema === schema && t.name === name);
  if (!table) throw new Error(`no table ${schema}.${name} in the snapshot; it has ${snapshot.tables.map((t) => `${t.schema}.${t.name}`).join(', ') || 'none'}`);
  return table;
}

export function viewIn(snapshot: Snapshot, name: string, schema = 'public'): View {
  const view = snapshot.views.find((v) => v.schema === schema && v.name === name);
  if (!view) throw new Error(`no view ${schema}.${name} in the snapshot`);
  return view;
}
