import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutdatedSnapshotError, serializeSnapshot, SnapshotFileError, writeSnapshotFile } from '../../harness/catalog/json.js';
import { committedVerdict, driftReport, majorNote, matches } from '../../harness/committed/verdict.js';
import { SNAPSHOT_FORMAT_VERSION } from '../../harness/catalog/model.js';
import { rejectionOf } from '../support/errors.js';
import { snapshotOf } from '../support/catalog.js';
import { folderWith } from '../support/folders.js';

// The verdict itself; tests/committed/commands.test.ts has it through check, refresh and the matcher.
describe('committedVerdict: what a committed snapshot file says about a fresh build', () => {
  it('each kind, with what its users need and nothing else', async () => {
    const built = await snapshotOf('CREATE TABLE t (id int PRIMARY KEY, n text)');
    const before = await snapshotOf('CREATE TABLE t (id int PRIMARY KEY)');
    const dir = folderWith({});
    const file = join(dir, 'x.snapshot.json');

    expect(committedVerdict(file, built)).toEqual({ kind: 'missing' });

    writeSnapshotFile(file, built);
    expect(committedVerdict(file, built)).toEqual({ kind: 'equal', committed: built });

    const other = { ...built, postgresMajor: built.postgresMajor + 1 };
    writeSnapshotFile(file, other);
    const major = committedVerdict(file, built);
    expect(major).toEqual({ kind: 'other-major', committed: other, takenOn: built.postgresMajor + 1, builtOn: built.postgresMajor });
    expect([matches(major), majorNote(major)]).toEqual([true, ` (taken on PostgreSQL ${built.postgresMajor + 1}, built on ${built.postgresMajor})`]);

    writeSnapshotFile(file, before);
    const drift = committedVerdict(file, built);
    expect(drift.kind === 'drift' && drift.comparison.differences.map((d) => [d.kind, d.object, d.path, d.severity])).toEqual([['extra', 'column', 'public.t.n', 'drift']]);
    expect(drift.kind === 'drift' && driftReport(drift, built, { a: 'committed', b: 'built' }, false)).toBe(
      'committed vs built: 1 difference (1 drift, 0 cosmetic)\n\npublic.t\n  columns\n    + n text  (only in built)',
    );
    expect([matches(drift), majorNote(drift)]).toEqual([false, '']);

    const old = JSON.parse(serializeSnapshot(built)) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify({ ...old, formatVersion: 1 }));
    const outdated = committedVerdict(file, built);
    expect(outdated.kind === 'outdated' && [outdated.formatVersion, outdated.error instanceof OutdatedSnapshotError]).toEqual([1, true]);
    expect(matches(outdated)).toBe(false);
  });

  it('another major and any other change: drift, with the majors in the warnings', async () => {
    const built = await snapshotOf('CREATE TABLE t (id int PRIMARY KEY, n text)');
    const before = await snapshotOf('CREATE TABLE t (id int PRIMARY KEY)');
    const file = join(folderWith({}), 'x.snapshot.json');
    writeSnapshotFile(file, { ...before, postgresMajor: built.postgresMajor + 1 });
    const drift = committedVerdict(file, built);
    expect(drift.kind).toBe('drift');
    expect(drift.kind === 'drift' && [drift.comparison.differences.length, drift.comparison.warnings.filter((w) => w.startsWith('the snapshots come from different PostgreSQL majors')).length]).toEqual([1, 1]);
  });

  it('a file no verdict can be given on is an error naming it: a newer format, broken JSON', async () => {
    const built = await snapshotOf('CREATE TABLE t (id int)');
    const file = join(folderWith({}), 'x.snapshot.json');
    writeFileSync(file, serializeSnapshot(built).replace(`"formatVersion": ${SNAPSHOT_FORMAT_VERSION}`, `"formatVersion": ${SNAPSHOT_FORMAT_VERSION + 1}`));
    const newer = await rejectionOf(Promise.resolve().then(() => committedVerdict(file, built)));
    expect([newer instanceof SnapshotFileError, newer instanceof OutdatedSnapshotError]).toEqual([true, false]);
    expect(newer.message).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: snapshot format version ${SNAPSHOT_FORMAT_VERSION + 1}, this schema-parity reads version ${SNAPSHOT_FORMAT_VERSION}\\.`));
    writeFileSync(file, `{"formatVersion": ${SNAPSHOT_FORMAT_VERSION},`);
    const broken = await rejectionOf(Promise.resolve().then(() => committedVerdict(file, built)));
    expect([broken instanceof SnapshotFileError, broken.message.startsWith(`${file}:1:`)]).toEqual([true, true]);
  });
});
