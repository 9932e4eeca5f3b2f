import { takeSnapshot, type SnapshotOptions } from '../../harness/catalog/snapshot.js';
import type { Snapshot, Table, View } from '../../harness/catalog/model.js';
import { scratchDatabase } from './scratch.js';

/** The snapshot of a fresh database after running `sql` in it. */
export async function snapshotOf(sql: string, options?: SnapshotOptions): Promise<Snapshot> {
  const db = await scratchDatabase('catalog', sql);
  try {
    return await takeSnapshot(db.client, options);
  } finally {
    await db.drop();
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
