import { describe, expect, it } from 'vitest';
import { buildKey } from '../../harness/cache/keys.js';
import { dropTemplate, ensureTemplate, TEMPLATE_PREFIX, withTemplateClient } from '../../harness/cache/templates.js';
import { takeSnapshot } from '../../harness/catalog/snapshot.js';
import { withClient } from '../../harness/server/connect.js';
import { DATABASE_PREFIX } from '../../harness/server/databases.js';
import { buildDatabase } from '../../harness/sources/build.js';
import { legacySource } from '../../harness/sources/legacy.js';
import { SourceBuildError } from '../../harness/sources/source.js';
import { rejectionOf } from '../support/errors.js';
import { folderWith } from '../support/folders.js';
import { testServer } from '../support/scratch.js';

const databases = () => withClient(testServer().adminUrl, async (c) => (await c.query<{ d: string }>('SELECT datname AS d FROM pg_database ORDER BY 1')).rows.map((r) => r.d));

/** Everything a caller can see of a failed build. */
function seen(error: Error) {
  const e = error as SourceBuildError;
  return { type: e.constructor.name, message: e.message, code: e.code, source: e.source, file: e.file, line: e.line, column: e.column, sqlstate: e.sqlstate, cause: (e.cause as Error | undefined)?.message };
}

// buildDatabase (a throwaway database) and ensureTemplate (the cached template every snapshot is
// taken from) build through one function: these fail if the two paths ever part again.
describe('one build path: buildDatabase and ensureTemplate', () => {
  it('the same failing source fails the same way through both (source, file:line:column), and neither leaves a database behind', async () => {
    const server = testServer();
    const tag = Math.random().toString(36).slice(2, 8);
    const label = `one path ${tag}`;
    const dir = folderWith({ '001_a.sql': 'CREATE TABLE a (id int);\n', '002_b.sql': '-- b\nCREATE TABLE b (\n  a_id int REFERENCES nowhere (id)\n);\n' });
    const source = legacySource(dir, { label });

    const direct = seen(await rejectionOf(buildDatabase(server, source)));
    const template = seen(await rejectionOf(ensureTemplate(server, source)));
    expect(template).toEqual(direct);
    expect(direct).toEqual({
      type: 'SourceBuildError',
      message: `building source "${label}" (legacy:${dir}): 002_b.sql:2:1: relation "nowhere" does not exist [42P01]`,
      code: 'source-build',
      source: label,
      file: '002_b.sql',
      line: 2,
      column: 1,
      sqlstate: '42P01',
      cause: '002_b.sql:2:1: relation "nowhere" does not exist [42P01]',
    });

    const templateName = `${TEMPLATE_PREFIX}${(await buildKey(source, server.major)).slice(0, 32)}`;
    const left = (await databases()).filter((d) => d.startsWith(`${DATABASE_PREFIX}one_path_${tag}_`) || d === templateName);
    expect(left).toEqual([]);
  });

  it('the same source builds the same database through both, with the same progress notes', async () => {
    const server = testServer();
    const dir = folderWith({
      '001_t.sql': `CREATE TABLE t_${Math.random().toString(36).slice(2, 8)} (a int, b int);\n`,
      '002_maintenance.sql': 'VACUUM;\nCOMMENT ON SCHEMA public IS NULL;\n',
    });
    const source = legacySource(dir);
    const directNotes: string[] = [];
    const templateNotes: string[] = [];

    const built = await buildDatabase(server, source, { log: (line) => directNotes.push(line) });
    const direct = await withClient(built.url, (c) => takeSnapshot(c));
    await built.drop();
    const template = await ensureTemplate(server, source, { log: (line) => templateNotes.push(line) });
    expect(template.built).toBe(true);
    const fromTemplate = await withTemplateClient(server, template.name, (c) => takeSnapshot(c));
    await dropTemplate(server, template.name);

    expect(fromTemplate).toEqual(direct);
    expect(directNotes).toEqual(['002_maintenance.sql: statement by statement, not wrapped in a transaction (VACUUM at line 1)']);
    expect(templateNotes).toEqual(directNotes);
    expect(await databases()).not.toContain(built.name);
  });
});
