import { describe, expect, it } from 'vitest';
import { AcceptedFileError } from '../../harness/accept/file.js';
import { AdoptRefusedError } from '../../harness/adopt/ledger.js';
import { SnapshotFileError } from '../../harness/catalog/json.js';
import { ConfigError } from '../../harness/config/load.js';
import { findPgDump } from '../../harness/dump/pg-dump.js';
import { DumpError } from '../../harness/dump/sanitize.js';
import { EXIT, exitCodeOf, ParityError, UsageError } from '../../harness/errors.js';
import { GitHubApiError } from '../../harness/github/comment.js';
import { ServerStartError } from '../../harness/server/errors.js';
import { buildDatabase } from '../../harness/sources/build.js';
import { legacySource } from '../../harness/sources/legacy.js';
import { MigrationFolderError } from '../../harness/sources/migration-files.js';
import { SourceSpecError } from '../../harness/sources/parse.js';
import { SourceBuildError } from '../../harness/sources/source.js';
import { folderWith } from '../support/folders.js';
import { rejectionOf } from '../support/errors.js';
import { testServer } from '../support/scratch.js';

describe('typed errors', () => {
  it('every error of the harness is a ParityError with its code, and keeps its name and message', () => {
    const made = [
      new ConfigError('c'),
      new SourceSpecError('s'),
      new SourceBuildError('b'),
      new MigrationFolderError('m'),
      new DumpError('d'),
      new ServerStartError('postgres://app:hunter2@h/db'),
      new SnapshotFileError('f'),
      new AcceptedFileError('a'),
      new AdoptRefusedError('r'),
      new GitHubApiError('g'),
      new UsageError('u'),
    ];
    expect(made.map((e) => [e instanceof ParityError, e.name, e.code, e.message])).toEqual([
      [true, 'ConfigError', 'config', 'c'],
      [true, 'SourceSpecError', 'source-spec', 's'],
      [true, 'SourceBuildError', 'source-build', 'b'],
      [true, 'MigrationFolderError', 'migration-folder', 'm'],
      [true, 'DumpError', 'dump', 'd'],
      [true, 'ServerStartError', 'server', 'postgres://app:***@h/db'],
      [true, 'SnapshotFileError', 'snapshot-file', 'f'],
      [true, 'AcceptedFileError', 'accepted-file', 'a'],
      [true, 'AdoptRefusedError', 'adopt-refused', 'r'],
      [true, 'GitHubApiError', 'github', 'g'],
      [true, 'UsageError', 'usage', 'u'],
    ]);
    // the one mapping to exit codes: every error is 2 (a drift is a result, 1, never an error)
    expect([...made, new Error('plain'), 'a string'].map(exitCodeOf)).toEqual(Array(made.length + 2).fill(EXIT.error));
  });

  it('a failed build says in fields which source, file, line, column and SQLSTATE, and keeps the cause', async () => {
    const dir = folderWith({ '001_a.sql': 'CREATE TABLE a (id int);\n', '002_b.sql': '-- b\nCREATE TABLE b (\n  a_id int REFERENCES nowhere (id)\n);\n' });
    const label = `typed ${Math.random().toString(36).slice(2, 8)}`;
    const error = await rejectionOf(buildDatabase(testServer(), legacySource(dir, { label })));
    expect(error).toBeInstanceOf(SourceBuildError);
    const typed = error as SourceBuildError;
    expect({ code: typed.code, source: typed.source, file: typed.file, line: typed.line, column: typed.column, sqlstate: typed.sqlstate }).toEqual({
      code: 'source-build',
      source: label,
      file: '002_b.sql',
      line: 2,
      column: 1,
      sqlstate: '42P01',
    });
    expect(typed.message).toBe(`building source "${label}" (legacy:${dir}): 002_b.sql:2:1: relation "nowhere" does not exist [42P01]`);
    // the layer below: the same place, without the source
    expect(typed.cause).toBeInstanceOf(SourceBuildError);
    expect([(typed.cause as SourceBuildError).source, (typed.cause as SourceBuildError).line]).toEqual([undefined, 2]);
  });

  it('no pg_dump for a major is told by its code (the dump command falls back to a container on it, not on the message)', async () => {
    const error = await rejectionOf(findPgDump(99, { PATH: folderWith({}) }));
    expect([error instanceof DumpError, (error as DumpError).code]).toEqual([true, 'no-pg-dump']);
  });
});
