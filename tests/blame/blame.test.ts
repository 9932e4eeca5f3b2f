import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blame, chainOf, type SnapshotOf } from '../../harness/blame/index.js';
import { snapshotOfSource } from '../../harness/source-snapshot/of-source.js';
import { folderWith } from '../support/folders.js';
import { testServer } from '../support/scratch.js';

const snapshotOf: SnapshotOf = (source) => snapshotOfSource(source, async () => testServer());

/** A table in 001, a column added in 003, an index in 004, the column's type changed in 005, the index dropped in 006. */
/** Each location's absolute `path` is the chain's folder and its file (checked here); the rest compared as is. */
function withoutPaths<T extends { events: Array<{ file: string; path?: string }>; introducedBy?: { file: string; path?: string } }>(dir: string, histories: T[]): T[] {
  return histories.map((h) => {
    for (const at of [...h.events, ...(h.introducedBy ? [h.introducedBy] : [])]) expect(at.path).toBe(join(dir, at.file));
    const strip = <L extends { path?: string }>({ path: _path, ...rest }: L) => rest;
    return { ...h, events: h.events.map(strip), ...(h.introducedBy ? { introducedBy: strip(h.introducedBy) } : {}) } as T;
  });
}

function chain(): Record<string, string> {
  return {
    '001_create_items.sql': '-- 001: items\nCREATE TABLE items (\n  id int PRIMARY KEY\n);\n',
    '002_create_other.sql': 'CREATE TABLE other (id int);\n',
    '003_items_qty.sql': '-- 003: a quantity\nALTER TABLE items ADD COLUMN qty int;\n',
    '004_items_qty_index.sql': 'CREATE TABLE unrelated (x int);\n\nCREATE INDEX items_qty_idx ON items (qty);\n',
    '005_items_qty_bigint.sql': '-- 005: quantities grow\n-- no data yet\nALTER TABLE items ALTER COLUMN qty TYPE bigint;\n',
    '006_drop_items_qty_index.sql': '-- 006\nDROP INDEX items_qty_idx;\n',
  };
}

describe('blame', () => {
  it('a Flyway folder with callbacks: a callback is no step of the chain (it has no version to build up to)', async () => {
    const dir = folderWith({ 'V1__items.sql': 'CREATE TABLE items (id int);\n', 'V2__qty.sql': 'ALTER TABLE items ADD COLUMN qty int;\n', 'beforeMigrate.sql': 'SET client_min_messages = warning;\n', 'afterMigrate.sql': 'COMMENT ON TABLE items IS $$after$$;\n' });
    const steps = chainOf(`legacy:${dir}`).steps.map((step) => step.file);
    expect(steps).toEqual(['V1__items.sql', 'V2__qty.sql']);
    const [history] = withoutPaths(dir, await blame(chainOf(`legacy:${dir}`), ['public.items.qty'], snapshotOf));
    expect(history).toEqual({ path: 'public.items.qty', events: [{ event: 'created', file: 'V2__qty.sql', line: 1 }], introducedBy: { file: 'V2__qty.sql', line: 1 } });
  });

  it('gives each object its history through a legacy chain, and the unit that made it what it is', async () => {
    const dir = folderWith(chain());
    const histories = withoutPaths(dir, await blame(chainOf(`legacy:${dir}`), ['public.items', 'public.items.qty', 'public.items#items_qty_idx', 'public.items#items_pkey', 'public.other.id', 'public.nothing'], snapshotOf));
    expect(histories).toEqual([
      { path: 'public.items', events: [{ event: 'created', file: '001_create_items.sql', line: 2 }], introducedBy: { file: '001_create_items.sql', line: 2 } },
      {
        path: 'public.items.qty',
        events: [
          { event: 'created', file: '003_items_qty.sql', line: 2 },
          { event: 'altered', file: '005_items_qty_bigint.sql', line: 3, properties: ['type'] },
        ],
        introducedBy: { file: '005_items_qty_bigint.sql', line: 3 },
      },
      {
        path: 'public.items#items_qty_idx',
        events: [
          { event: 'created', file: '004_items_qty_index.sql', line: 3 },
          { event: 'dropped', file: '006_drop_items_qty_index.sql', line: 2 },
        ],
        introducedBy: { file: '006_drop_items_qty_index.sql', line: 2 },
      },
      // no statement names the primary key: the statement that names its table
      { path: 'public.items#items_pkey', events: [{ event: 'created', file: '001_create_items.sql', line: 2 }], introducedBy: { file: '001_create_items.sql', line: 2 } },
      { path: 'public.other.id', events: [{ event: 'created', file: '002_create_other.sql', line: 1 }], introducedBy: { file: '002_create_other.sql', line: 1 } },
      { path: 'public.nothing', events: [] },
    ]);
  });

  it('stops at the bound of the source: the chain up to 005 still has the index', async () => {
    const dir = folderWith(chain());
    const [index] = withoutPaths(dir, await blame(chainOf(`legacy:${dir}@5`), ['public.items#items_qty_idx'], snapshotOf));
    expect(index).toEqual({
      path: 'public.items#items_qty_idx',
      events: [{ event: 'created', file: '004_items_qty_index.sql', line: 3 }],
      introducedBy: { file: '004_items_qty_index.sql', line: 3 },
    });
  });

  it("on the repo's chain: the audit's request_status labels were last changed by 013, mock_requests dropped by 009", async () => {
    const repo = join(import.meta.dirname, '..', '..');
    const histories = await blame(chainOf('legacy:migrations-legacy', repo), ['public.request_status', 'public.mock_requests'], snapshotOf);
    expect(histories.map((h) => [h.path, h.events.map((e) => `${e.event} ${e.file}:${e.line}${e.properties ? ` ${e.properties.join(',')}` : ''}`)])).toEqual([
      ['public.request_status', ['created 001_create_requests.sql:7', 'altered 013_request_status_approved_rejected.sql:7 labels']],
      ['public.mock_requests', ['created 002_create_mock_requests.sql:16', 'dropped 009_drop_mock_requests.sql:9']],
    ]);
  });

  it("on the repo's drizzle-kit folder: the baseline created the enum, 0003 the index the audit found missing", async () => {
    const repo = join(import.meta.dirname, '..', '..');
    const histories = await blame(chainOf('drizzle:drizzle/migrations', repo), ['public.request_status', 'public.requests#idx_requests_status'], snapshotOf);
    expect(histories.map((h) => [h.path, h.events.map((e) => `${e.event} ${e.file}:${e.line}`)])).toEqual([
      ['public.request_status', ['created 0001_baseline.sql:1']],
      ['public.requests#idx_requests_status', ['created 0003_missing_indexes.sql:15']],
    ]);
  });

  it('a unit that fails to build fails the blame with the prefix, its file:line:column and the server message', async () => {
    const dir = folderWith({ ...chain(), '003_items_qty.sql': '-- 003: a quantity\nALTER TABLE itemz ADD COLUMN qty int;\n' });
    await expect(blame(chainOf(`legacy:${dir}`), ['public.items'], snapshotOf)).rejects.toThrow(/^building source "legacy" \(legacy:.*@3\): 003_items_qty\.sql:2:1: relation "itemz" does not exist \[42P01\]$/);
  });

  it('refuses a source that is not a migration folder, naming it', () => {
    expect(() => chainOf('dump:snapshots/production.sql')).toThrow('dump:snapshots/production.sql: blame needs a migration folder (legacy:<dir> or drizzle:<dir>); a dump: source has no history');
  });
});
