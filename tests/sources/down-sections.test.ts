import { afterEach, describe, expect, it } from 'vitest';
import { takeSnapshot } from '../../harness/catalog/snapshot.js';
import { replayLegacy, selectUnits } from '../../harness/sources/legacy.js';
import { folderWith } from '../support/folders.js';
import { scratchDatabase, type ScratchDatabase } from '../support/scratch.js';

// A down section that drops everything the up section made: if it ran, the schema is empty.
const UP = 'CREATE TABLE account (id int PRIMARY KEY);\nCREATE INDEX account_id ON account (id);\n';
const DOWN = 'DROP TABLE account;\nDROP SCHEMA public CASCADE;\n';

const FOLDERS: Record<string, Record<string, string>> = {
  dbmate: { '20250101000000_account.sql': `-- migrate:up\n${UP}\n-- migrate:down\n${DOWN}` },
  goose: { '00001_account.sql': `-- +goose Up\n${UP}\n-- +goose Down\n${DOWN}` },
  'node-pg-migrate': { '1735689600000_account.sql': `-- Up Migration\n${UP}\n-- Down Migration\n${DOWN}` },
};

let db: ScratchDatabase | undefined;
afterEach(async () => {
  await db?.drop();
  db = undefined;
});

describe('down sections never run', () => {
  it.each(Object.keys(FOLDERS))('%s: the snapshot holds what the up section made, and nothing else', async (tool) => {
    db = await scratchDatabase('down');
    await replayLegacy(db.client, folderWith(FOLDERS[tool]!));
    const snapshot = await takeSnapshot(db.client);
    expect(snapshot.schemas.map((s) => s.name)).toEqual(['public']);
    expect(snapshot.tables.map((t) => `${t.schema}.${t.name}`)).toEqual(['public.account']);
    expect(snapshot.tables[0]!.indexes.map((i) => i.name)).toEqual(['account_id', 'account_pkey']);
  });
});

describe('a down section can never run unnoticed', () => {
  it('a folder read as plain refuses a file with a down section, naming the line and the format to use', async () => {
    const dir = folderWith(FOLDERS.goose!);
    await expect(replayLegacy(undefined as never, dir, { format: 'plain' })).rejects.toThrow(
      '00001_account.sql:5: "-- +goose Down" starts a goose down section, but the folder is read as plain, which would run it. Read the folder as goose (legacy:<dir>?format=goose).',
    );
  });

  it('a comment that only mentions an up or down migration is not a marker: the folder stays plain', () => {
    const dir = folderWith({ '001_a.sql': '-- Up migration for accounts; the down migration is manual\nCREATE TABLE a (id int);\n' });
    expect(selectUnits(dir).format.name).toBe('plain');
  });

  it('a folder with the markers of two tools is refused', async () => {
    const dir = folderWith({ ...FOLDERS.goose!, ...FOLDERS.dbmate! });
    await expect(replayLegacy(undefined as never, dir)).rejects.toThrow(`${dir}: files of goose (00001_account.sql) and dbmate (20250101000000_account.sql) in one folder: say which tool wrote it, e.g. legacy:<dir>?format=goose`);
  });
});
