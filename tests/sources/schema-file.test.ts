import { existsSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { takeSnapshot } from '../../harness/catalog/snapshot.js';
import { withClient } from '../../harness/server/connect.js';
import { buildDatabase } from '../../harness/sources/build.js';
import { schemaFileSource, sqlOfSchemaFile } from '../../harness/sources/schema-file.js';
import { compiledCopyOf, compileUserModule } from '../../harness/util/user-module.js';
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

describe('schema: source imports the file without tsx where a compiled copy runs as it would', () => {
  const ROOT = join(import.meta.dirname, '..', '..');
  const PROBE = `--import ${join(ROOT, 'tests', 'fixtures', 'loader-probe.mjs')}`;
  const COPIES = join(ROOT, 'node_modules', '.cache', 'schema-parity', 'modules');
  const TABLES = "import { pgTable, text } from 'drizzle-orm/pg-core';\nexport const users = pgTable('users', { id: text().primaryKey() });\n";

  /** A project with its packages (ours, linked), a package.json and the given files. */
  function project(files: Record<string, string>, packageJson: object = { name: 'shop', type: 'module' }): string {
    const dir = folderWith({ 'package.json': JSON.stringify(packageJson), ...files });
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    return dir;
  }

  /** sqlOfSchemaFile, with what the child printed and whether anything in it registered module hooks (tsx). */
  async function generated(file: string): Promise<{ sql: string[] | Error; printed: string; tsx: boolean }> {
    const before = process.env.NODE_OPTIONS;
    process.env.NODE_OPTIONS = PROBE;
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const sql = await sqlOfSchemaFile(file).catch((error: Error) => error);
      const printed = write.mock.calls.map(([chunk]) => String(chunk)).join('');
      return { sql, printed: printed.replaceAll('[loader-probe] module.register\n', ''), tsx: printed.includes('[loader-probe] module.register') };
    } finally {
      write.mockRestore();
      if (before === undefined) delete process.env.NODE_OPTIONS;
      else process.env.NODE_OPTIONS = before;
    }
  }

  const copiesLeft = () => (existsSync(COPIES) ? readdirSync(COPIES).filter((name) => name.includes(`.${process.pid}.`)) : []);

  it('a file and the local files it imports: no loader thread, all their tables, and no copy left', async () => {
    const dir = project({
      'db/users.ts': TABLES,
      'db/schema.ts':
        "import { integer, pgTable, text } from 'drizzle-orm/pg-core';\nimport { users } from './users';\nexport * from './users';\n" +
        "export const posts = pgTable('posts', { id: integer().primaryKey(), author: text().references(() => users.id) });\n",
    });
    const file = join(dir, 'db', 'schema.ts');
    const fast = await generated(file);
    expect(fast.tsx).toBe(false);
    expect(fast.sql).toEqual([
      'CREATE TABLE "posts" (\n\t"id" integer PRIMARY KEY NOT NULL,\n\t"author" text\n);\n',
      'CREATE TABLE "users" (\n\t"id" text PRIMARY KEY NOT NULL\n);\n',
      'ALTER TABLE "posts" ADD CONSTRAINT "posts_author_users_id_fk" FOREIGN KEY ("author") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;',
    ]);
    expect(copiesLeft()).toEqual([]);
  });

  it("through tsx, from the file's own folder, where the copy would not run as the file does: CommonJS, import.meta, a self-reference", async () => {
    const cjs = project({ 'schema.ts': `${TABLES}export const here = require('node:path').basename(__dirname);\n` }, { name: 'shop' });
    // a package's import of itself resolves only from inside the package, not from node_modules/
    const self = project({ 'db/users.ts': TABLES, 'db/schema.ts': "export * from 'shop/users';\n" }, { name: 'shop', type: 'module', exports: { './users': './db/users.ts' } });
    for (const file of [join(cjs, 'schema.ts'), join(self, 'db', 'schema.ts')]) {
      const slow = await generated(file);
      expect([file, slow.tsx, (slow.sql as string[]).map((s) => s.split('\n')[0])]).toEqual([file, true, ['CREATE TABLE "users" (']]);
    }
    // import.meta would be the copy's: no copy is made (tsx runs it, as for CommonJS)
    const meta = project({ 'schema.ts': `${TABLES}export const here = import.meta.url;\n` });
    expect(await compiledCopyOf(join(meta, 'schema.ts'))).toBeUndefined();
    expect(await compiledCopyOf(join(cjs, 'schema.ts'))).toBeUndefined();
    // nor would an import of a computed path, resolved from where the copy is
    const computed = project({ 'users.ts': TABLES, 'schema.ts': "const name = './users';\nexport const { users } = await import(`${name}.ts`);\n" });
    expect(await compiledCopyOf(join(computed, 'schema.ts'))).toBeUndefined();
    const literal = project({ 'users.ts': TABLES, 'schema.ts': "export const { users } = await import('./users');\n" });
    const copy = await compiledCopyOf(join(literal, 'schema.ts'));
    expect(copy).toBeDefined();
    rmSync(copy!);
    expect(copiesLeft()).toEqual([]);
  });

  it("a module that imports only drizzle-orm runs as CommonJS, strict, beside drizzle-kit's CommonJS API; a top-level await or another package keeps it an ES module; each gives the same SQL", async () => {
    const USERS_SQL = ['CREATE TABLE "users" (\n\t"id" text PRIMARY KEY NOT NULL\n);\n'];
    const plain = join(project({ 'schema.ts': TABLES }), 'schema.ts');
    const awaiting = join(project({ 'schema.ts': TABLES.replace('export const users = pgTable', 'export const users = await Promise.resolve().then(() => pgTable').replace(/\);\n$/, '));\n') }), 'schema.ts');
    const other = join(project({ 'schema.ts': `import { z } from 'zod';\n${TABLES}export const name = z.string().parse('users');\n` }), 'schema.ts');
    expect([(await compileUserModule(plain))?.format, (await compileUserModule(awaiting))?.format, (await compileUserModule(other))?.format]).toEqual(['cjs', 'esm', 'esm']);
    expect((await compileUserModule(plain))!.text.startsWith('"use strict";\n')).toBe(true);
    for (const file of [plain, awaiting, other]) {
      const run = await generated(file);
      expect([file, run.tsx, run.sql]).toEqual([file, false, USERS_SQL]);
    }
    // strict as the ES module it was written as: an assignment to an undeclared name throws
    const sloppy = join(project({ 'schema.ts': `${TABLES}leaked = 1;\n` }), 'schema.ts');
    expect((await compileUserModule(sloppy))?.format).toBe('cjs');
    expect(((await generated(sloppy)).sql as Error).message).toBe(`${sloppy}: cannot import it: leaked is not defined`);
    expect(copiesLeft()).toEqual([]);
  });

  it('a module that fails after it ran is not run again through tsx, and its error names the file, not the copy', async () => {
    const dir = project({ 'schema.ts': `${TABLES}console.error('ran');\nawait import('no-such-package-anywhere');\n` });
    const file = join(dir, 'schema.ts');
    const run = await generated(file);
    expect(run.printed).toBe('ran\n');
    expect((run.sql as Error).message).toBe(`${file}: cannot import it: Cannot find package 'no-such-package-anywhere' imported from ${file}`);
    expect(copiesLeft()).toEqual([]);
  });
});
