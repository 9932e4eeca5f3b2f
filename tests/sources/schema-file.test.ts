import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { takeSnapshot } from '../../harness/catalog/snapshot.js';
import { withClient } from '../../harness/server/connect.js';
import { buildDatabase } from '../../harness/sources/build.js';
import { schemaFileSource, sqlOfSchemaFile } from '../../harness/sources/schema-file.js';
import { rejectionOf } from '../support/errors.js';
import { folderWith } from '../support/folders.js';
import { testServer } from '../support/scratch.js';
import { runParity } from '../cli/run-parity.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

describe('schema: source', () => {
  it('applies foreign keys last, so a composite key onto a unique index builds', async () => {
    const file = join(FIXTURES, 'composite-fk', 'schema.ts');
    const statements = await sqlOfSchemaFile(file);
    const fk = statements.findIndex((s) => s.includes('FOREIGN KEY'));
    const index = statements.findIndex((s) => s.includes('CREATE UNIQUE INDEX'));
    expect(index).toBeGreaterThanOrEqual(0);
    expect(fk).toBe(statements.length - 1);
    const built = await buildDatabase(testServer(), schemaFileSource(file));
    try {
      const snapshot = await withClient(built.url, (c) => takeSnapshot(c));
      expect(snapshot.tables.find((t) => t.name === 'deals')?.constraints.map((c) => c.definition)).toContain(
        'FOREIGN KEY (pipeline_id, stage_id) REFERENCES public.stages(pipeline_id, stage_id)',
      );
    } finally {
      await built.drop();
    }
  });

  it('names the file when it is missing or cannot be imported, and the statement when it fails', async () => {
    expect((await rejectionOf(sqlOfSchemaFile('/nowhere/schema.ts'))).message).toBe('/nowhere/schema.ts does not exist');
    const broken = join(folderWith({ 'schema.ts': 'export const x = ;\n' }), 'schema.ts');
    expect((await rejectionOf(sqlOfSchemaFile(broken))).message).toMatch(new RegExp(`^${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: cannot import it: `));
    const corrected = join(import.meta.dirname, '..', '..', 'drizzle', 'schema.ts');
    const error = await rejectionOf(buildDatabase(testServer(), schemaFileSource(corrected)));
    expect(error.message).toMatch(/generated statement \d+ \(CREATE TABLE "requests" \(\): function generate_request_id\(\) does not exist \[42883\]/);
  });
});

describe('schema: source runs user code apart from the verdict', () => {
  const UNRULY = join(FIXTURES, 'unruly-schema');
  // absolute specs from an empty folder: no .parity-cache is written into the fixtures
  const diff = (a: string, b: string, ...rest: string[]) =>
    runParity(['diff', `schema:${join(UNRULY, a)}`, `schema:${join(UNRULY, b)}`, ...rest], { cwd: folderWith({}), env: { PARITY_DATABASE_URL: testServer().adminUrl } });
  const MUST_NOT_EXIT = 'a schema module must not end the process: move that out of the file drizzle-kit reads';

  it('a module that calls process.exit(0) or process.exit(1) on import is an error (exit 2) naming the file, never a verdict', async () => {
    const zero = await diff('exits-0.ts', 'quiet.ts');
    expect([zero.code, zero.stdout, zero.stderr]).toEqual([2, '', `parity diff: ${join(UNRULY, 'exits-0.ts')}: importing it called process.exit(0); ${MUST_NOT_EXIT}\n`]);
    const one = await diff('exits-1.ts', 'quiet.ts');
    expect([one.code, one.stdout, one.stderr]).toEqual([
      2,
      '',
      'SOME_DATABASE_URL_NOBODY_SETS is not set\n' +
        `parity diff: ${join(UNRULY, 'exits-1.ts')}: importing it called process.exit(1) (it printed: SOME_DATABASE_URL_NOBODY_SETS is not set); ${MUST_NOT_EXIT}\n`,
    ]);
  });

  it("what the module prints on import goes to stderr, never into the report: --format json parses", async () => {
    const run = await diff('prints.ts', 'quiet.ts', '--format', 'json');
    expect(run.code, run.stderr).toBe(1);
    expect(JSON.parse(run.stdout).differences.map((d: { kind: string; path: string }) => `${d.kind} ${d.path}`)).toEqual(['missing public.t.name']);
    expect(run.stderr).toBe('[dotenv@17.2.3] injecting env (0) from .env -- tip: encrypt with dotenvx\nschema module loaded\n');
  });
});
