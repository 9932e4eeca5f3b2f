import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutdatedSnapshotError, parseSnapshot, readSnapshotFile, serializeSnapshot, SnapshotFileError, writeSnapshotFile } from '../../harness/catalog/json.js';
import { SNAPSHOT_FORMAT_VERSION } from '../../harness/catalog/model.js';
import { snapshotOf } from '../support/catalog.js';
import { folderWith } from '../support/folders.js';
import { rejectionOf } from '../support/errors.js';

const SQL = `
  CREATE TYPE status AS ENUM ('a', 'b');
  CREATE TABLE t (id int PRIMARY KEY, s status NOT NULL DEFAULT 'a', note text);
  CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$
  BEGIN
    RETURN 1;
  END $$;
`;

describe('snapshot files', () => {
  it('round-trips through JSON unchanged, with sorted keys and one value per line', async () => {
    const snapshot = await snapshotOf(SQL);
    const text = serializeSnapshot(snapshot);
    expect(parseSnapshot(text)).toEqual(snapshot);
    expect(serializeSnapshot(parseSnapshot(text))).toBe(text);
    expect(text.endsWith('}\n')).toBe(true);
    expect(Object.keys(JSON.parse(text))).toEqual([
      'accessMethods', 'aggregates', 'casts', 'collations', 'compositeTypes', 'conversions', 'domains', 'enums', 'eventTriggers', 'extensions', 'foreignDataWrappers', 'foreignServers', 'foreignTables',
      'formatVersion', 'functions', 'languages', 'notCompared', 'operatorClasses', 'operatorFamilies', 'operators', 'postgresMajor', 'publications', 'rangeTypes', 'schemas', 'sequences',
      'statistics', 'tables', 'textSearchConfigurations', 'textSearchDictionaries', 'views',
    ]);
    // a function body is one line per element, so a changed line diffs as one line
    expect(text).toContain('\n        "    RETURN 1;",\n');
  });

  it('writes the same bytes whatever order the keys of any object, at any depth, came in', async () => {
    const snapshot = await snapshotOf(SQL);
    const text = serializeSnapshot(snapshot);
    const reversed = (value: unknown): unknown =>
      Array.isArray(value) ? value.map(reversed) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversed(v)])) : value;
    const shuffled = reversed(snapshot) as typeof snapshot;
    expect(Object.keys(shuffled.tables[0]!.columns[0]!)[0]).toBe('type');
    expect(serializeSnapshot(shuffled)).toBe(text);
    // every object's keys in order, the columns' too; the snapshot given is not changed
    expect(Object.keys(JSON.parse(text).tables[0].columns[0])).toEqual([...Object.keys(snapshot.tables[0]!.columns[0]!)].sort());
    expect(Object.keys(shuffled.tables[0]!.columns[0]!)[0]).toBe('type');
  });

  it('writes atomically and leaves no temp file behind', async () => {
    const snapshot = await snapshotOf(SQL);
    const dir = folderWith({});
    const file = join(dir, 'nested', 'x.snapshot.json');
    writeSnapshotFile(file, snapshot);
    expect(readSnapshotFile(file)).toEqual(snapshot);
    expect(readdirSync(join(dir, 'nested'))).toEqual(['x.snapshot.json']);
  });

  it('refuses a hand-broken file with the file, the place and what to do', async () => {
    const snapshot = await snapshotOf(SQL);
    const dir = folderWith({});
    const file = join(dir, 'legacy.snapshot.json');
    const text = serializeSnapshot(snapshot);

    writeFileSync(file, text.replace('"notNull": true,', '"notNull": true'));
    const syntax = await rejectionOf(Promise.resolve().then(() => readSnapshotFile(file)));
    expect(syntax).toBeInstanceOf(SnapshotFileError);
    const brokenLine = text.split('\n').findIndex((line) => line.includes('"notNull": true,')) + 2;
    expect(syntax.message).toMatch(new RegExp(`^${escape(file)}:${brokenLine}:\\d+: not valid JSON`));
    expect(syntax.message).toContain('parity refresh');

    writeFileSync(file, text.replace('"notNull": true,', '"notNull": "yes",'));
    const shape = await rejectionOf(Promise.resolve().then(() => readSnapshotFile(file)));
    expect(shape.message).toContain(`${file}: not a valid snapshot:`);
    expect(shape.message).toMatch(/at \$\.tables\[0\]\.columns\[\d\]\.notNull: .*boolean/);

    const current = `"formatVersion": ${SNAPSHOT_FORMAT_VERSION}`;
    writeFileSync(file, text.replace(current, '"formatVersion": 99'));
    expect((await rejectionOf(Promise.resolve().then(() => readSnapshotFile(file)))).message).toMatch(new RegExp(`format version 99, this schema-parity reads version ${SNAPSHOT_FORMAT_VERSION}`));

    writeFileSync(file, text.replace(current, '"formatVersion": 1'));
    const outdated = await rejectionOf(Promise.resolve().then(() => readSnapshotFile(file)));
    expect(outdated).toBeInstanceOf(OutdatedSnapshotError);
    expect(outdated.message).toBe(
      `${file}: written by an older schema-parity (snapshot format version 1; this one reads version ${SNAPSHOT_FORMAT_VERSION}, which compares more object kinds): run "parity refresh" to rewrite it, review the result and commit it.`,
    );

    // a major no server of these snapshots has (13 and later, two digits)
    for (const major of [-1, 9, 100]) {
      writeFileSync(file, text.replace(/"postgresMajor": \d+/, `"postgresMajor": ${major}`));
      expect((await rejectionOf(Promise.resolve().then(() => readSnapshotFile(file)))).message, String(major)).toMatch(/at \$\.postgresMajor: /);
    }

    writeFileSync(file, text.replace('"partitioned": false,', '"partitioned": false,\n      "owner": "bob",'));
    expect((await rejectionOf(Promise.resolve().then(() => readSnapshotFile(file)))).message).toMatch(/at \$\.tables\[0\]: Unrecognized key: "owner"/);

    const missing = join(dir, 'nope.json');
    expect((await rejectionOf(Promise.resolve().then(() => readSnapshotFile(missing)))).message).toBe(`${missing}: cannot read (ENOENT)`);
    expect(existsSync(missing)).toBe(false);
    expect(readFileSync(file, 'utf8')).toContain('"owner": "bob"');

    const twiceFile = join(dir, 'twice.snapshot.json');
    // a hand-edited file listing one object twice: refused with the file, both places and the object
    const twice = JSON.parse(text);
    twice.tables[0].columns.push(twice.tables[0].columns[0]);
    writeFileSync(twiceFile, JSON.stringify(twice));
    expect((await rejectionOf(Promise.resolve().then(() => readSnapshotFile(twiceFile)))).message).toBe(
      `${twiceFile}: lists public.t.id twice (at $.tables[0].columns[0] and $.tables[0].columns[3]); a catalog cannot hold that, so the file was edited or damaged. Snapshots are written by "parity refresh", not by hand: restore the file from git (git checkout -- <file>) or run "parity refresh" and review the result.`,
    );
    const tableTwice = JSON.parse(text);
    tableTwice.tables.push(tableTwice.tables[0]);
    writeFileSync(twiceFile, JSON.stringify(tableTwice));
    expect((await rejectionOf(Promise.resolve().then(() => readSnapshotFile(twiceFile)))).message).toMatch(/: lists public\.t twice \(at \$\.tables\[0\] and \$\.tables\[1\]\)/);
    const functionTwice = JSON.parse(text);
    functionTwice.functions.push(functionTwice.functions[0]);
    writeFileSync(twiceFile, JSON.stringify(functionTwice));
    expect((await rejectionOf(Promise.resolve().then(() => readSnapshotFile(twiceFile)))).message).toMatch(/: lists public\.f\(\) twice \(at \$\.functions\[0\] and \$\.functions\[1\]\)/);

  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
