import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { replayLegacy } from '../../harness/sources/legacy.js';
import { lineAndColumn } from '../../harness/sources/sql-position.js';
import { scratchDatabase, type ScratchDatabase } from '../support/scratch.js';

/** A folder holding the given files as raw bytes. */
function folderOfBytes(files: Record<string, Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'parity-encoding-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
  return dir;
}

let db: ScratchDatabase | undefined;
afterEach(async () => {
  await db?.drop();
  db = undefined;
});

describe('migration file encodings', () => {
  it('refuses a file that is not UTF-8, naming the file, the line and the byte, before anything runs', async () => {
    db = await scratchDatabase('encoding');
    const latin1 = Buffer.concat([Buffer.from("CREATE TABLE a (id int);\nCOMMENT ON TABLE a IS 'caf"), Buffer.from([0xe9]), Buffer.from("';\n")]);
    const dir = folderOfBytes({ '001_ok.sql': Buffer.from('CREATE TABLE z (id int);\n'), '002_latin1.sql': latin1 });
    await expect(replayLegacy(db.client, dir)).rejects.toThrow(
      '002_latin1.sql:2: not valid UTF-8 (byte 0xe9): migrations are read as UTF-8, the server\'s encoding. Convert the file (e.g. iconv -f latin1 -t utf-8 002_latin1.sql) and keep it that way.',
    );
    expect((await db.client.query("SELECT to_regclass('z') AS z")).rows).toEqual([{ z: null }]);
  });

  it('drops a UTF-8 byte-order mark instead of reporting a syntax error at 1:1', async () => {
    db = await scratchDatabase('encoding');
    const dir = folderOfBytes({ '001_bom.sql': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('CREATE TABLE a (id int);\n')]) });
    await replayLegacy(db.client, dir);
    expect((await db.client.query("SELECT to_regclass('a')::text AS a")).rows).toEqual([{ a: 'a' }]);
  });

  it('counts columns in characters, as the server does, after emoji and other characters outside the BMP', async () => {
    db = await scratchDatabase('encoding');
    const dir = folderOfBytes({ '001_emoji.sql': Buffer.from("COMMENT ON SCHEMA public IS '🐘🐘'; SELECT 1 FROM nowhere;\n") });
    // 'COMMENT … '🐘🐘'; SELECT 1 FROM ' is 48 characters (50 UTF-16 units)
    await expect(replayLegacy(db.client, dir)).rejects.toThrow('001_emoji.sql:1:49: relation "nowhere" does not exist [42P01]');
    expect(lineAndColumn('a🐘\n🐘🐘x', 7)).toEqual({ line: 2, column: 4 });
  });
});
