import { describe, expect, it } from 'vitest';
import { folderWith } from '../support/folders.js';
import { testServer } from '../support/scratch.js';
import { runMain } from './run-parity.js';

describe('--ignore-schema', () => {
  it("leaves schemas out of the snapshots as the config's ignore.schemas does: repeatable, added to the config's (or the default) list, part of the cache key", async () => {
    const dir = folderWith({
      'a/001_a.sql': 'CREATE TABLE t (id int);\n',
      'b/001_b.sql': 'CREATE TABLE t (id int);\nCREATE SCHEMA audit;\nCREATE TABLE audit.log (id int);\nCREATE SCHEMA archive;\nCREATE TABLE archive.old (id int);\nCREATE SCHEMA drizzle;\nCREATE TABLE drizzle.x (id int);\n',
      'parity.config.mjs': "export default { sources: { a: 'legacy:a', b: 'legacy:b' } };",
    });
    const env = { PARITY_DATABASE_URL: testServer().adminUrl };
    const diff = (...args: string[]) => runMain(['diff', 'a', 'b', '--format', 'json', ...args], { cwd: dir, env });
    const paths = (run: { stdout: string }) => JSON.parse(run.stdout).differences.map((d: { kind: string; path: string }) => `${d.kind} ${d.path}`);

    // drizzle is ignored by default, and stays ignored with the flag
    const both = await diff('--ignore-schema', 'audit', '--ignore-schema', 'archive');
    expect([both.code, both.stderr, paths(both)]).toEqual([0, '', []]);
    const one = await diff('--ignore-schema', 'audit');
    expect([one.code, paths(one)]).toEqual([1, ['extra archive', 'extra archive.old']]);
    const none = await diff(); // cached with the flag, this must not be a hit
    expect([none.code, paths(none)]).toEqual([1, ['extra archive', 'extra audit', 'extra archive.old', 'extra audit.log']]);

    const snapshot = await runMain(['snapshot', 'b', '--ignore-schema', 'audit'], { cwd: dir, env });
    expect(JSON.parse(snapshot.stdout).tables.map((t: { schema: string; name: string }) => `${t.schema}.${t.name}`)).toEqual(['archive.old', 'public.t']);
  });

  it("adds to the config's own ignore.schemas", async () => {
    const dir = folderWith({
      'a/001_a.sql': 'CREATE TABLE t (id int);\n',
      'b/001_b.sql': 'CREATE TABLE t (id int);\nCREATE SCHEMA audit;\nCREATE TABLE audit.log (id int);\nCREATE SCHEMA archive;\nCREATE TABLE archive.old (id int);\n',
      'parity.config.mjs': "export default { sources: { a: 'legacy:a', b: 'legacy:b' }, ignore: { schemas: ['archive'] } };",
    });
    const env = { PARITY_DATABASE_URL: testServer().adminUrl };
    expect((await runMain(['diff', 'a', 'b'], { cwd: dir, env })).code).toBe(1);
    const run = await runMain(['diff', 'a', 'b', '--ignore-schema', 'audit'], { cwd: dir, env });
    expect([run.code, run.stdout]).toEqual([0, 'a and b: equal\n']);
    const empty = await runMain(['diff', 'a', 'b', '--ignore-schema', ''], { cwd: dir });
    expect([empty.code, empty.stderr]).toEqual([2, 'parity diff: --ignore-schema needs a schema name, e.g. --ignore-schema audit\n']);
  });
});
