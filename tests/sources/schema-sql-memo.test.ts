import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SnapshotCache } from '../../harness/cache/snapshot-cache.js';
import { sqlOfSchemaFile } from '../../harness/sources/schema-file.js';
import { keptSchemaSql, SCHEMA_SQL_KIND, schemaSqlKey } from '../../harness/sources/schema-sql-memo.js';
import { compileUserModule } from '../../harness/util/user-module.js';
import { folderWith } from '../support/folders.js';
import { testServer } from '../support/scratch.js';
import { runMain } from '../cli/run-parity.js';

const ROOT = join(import.meta.dirname, '..', '..');
const USERS = "import { pgTable, text } from 'drizzle-orm/pg-core';\nexport const users = pgTable('users', { id: text().primaryKey() });\n";
const SCHEMA = "export * from './users';\n";

/** A project with our packages linked, and the given files. */
function project(files: Record<string, string>): string {
  const dir = folderWith({ 'package.json': '{"name":"shop","type":"module"}', ...files });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

/** A snapshot cache in a folder of its own, and what it keeps of schema modules. */
function store() {
  const cache = new SnapshotCache(folderWith({}), () => {});
  const dir = join(cache.dir, SCHEMA_SQL_KIND);
  const kept = () => (existsSync(dir) ? readdirSync(dir).filter((name) => !name.endsWith('.tmp')) : []);
  return { cache, dir, kept };
}

describe("drizzle-kit's SQL of a schema module is kept in the snapshot cache, under a key of all that decides it", () => {
  it('an unchanged module is not generated again: what is kept is what the next run builds', async () => {
    const dir = project({ 'db/users.ts': USERS, 'db/schema.ts': SCHEMA });
    const file = join(dir, 'db', 'schema.ts');
    const { cache, dir: keptDir, kept } = store();
    const first = await sqlOfSchemaFile(file, { derived: cache });
    expect(first).toEqual(['CREATE TABLE "users" (\n\t"id" text PRIMARY KEY NOT NULL\n);\n']);
    expect(kept()).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(keptDir, kept()[0]!), 'utf8'))).toEqual(first);
    // what the second run gets is the kept list, not drizzle-kit's again: changed here, it shows
    writeFileSync(join(keptDir, kept()[0]!), JSON.stringify(['CREATE TABLE kept ()']));
    expect(await sqlOfSchemaFile(file, { derived: cache })).toEqual(['CREATE TABLE kept ()']);
  });

  it('a change of the file, or of a local file it imports, is generated and kept under a new key', async () => {
    const dir = project({ 'db/users.ts': USERS, 'db/schema.ts': SCHEMA });
    const file = join(dir, 'db', 'schema.ts');
    const { cache, kept } = store();
    await sqlOfSchemaFile(file, { derived: cache });
    writeFileSync(join(dir, 'db', 'users.ts'), USERS.replace('id: text().primaryKey()', 'id: text().primaryKey(), name: text()'));
    expect(await sqlOfSchemaFile(file, { derived: cache })).toEqual(['CREATE TABLE "users" (\n\t"id" text PRIMARY KEY NOT NULL,\n\t"name" text\n);\n']);
    expect(kept()).toHaveLength(2);
    const before = schemaSqlKey((await compileUserModule(file))!);
    writeFileSync(file, `${SCHEMA}export const kind = 'shop';\n`);
    expect(schemaSqlKey((await compileUserModule(file))!)).not.toBe(before);
  });

  it('a module whose SQL can depend on more than its text is generated every time and never kept: the environment, the clock, a package, a builtin', async () => {
    const schemaNamed = (expression: string, imports = '') =>
      `${imports}import { pgSchema, text } from 'drizzle-orm/pg-core';\nexport const shop = pgSchema(${expression});\nexport const users = shop.table('users', { id: text().primaryKey() });\n`;
    const { cache, kept } = store();
    const env = project({ 'schema.ts': schemaNamed("process.env.PARITY_TEST_SCHEMA_NAME ?? 'none'") });
    const names: string[] = [];
    for (const name of ['first', 'second']) {
      process.env.PARITY_TEST_SCHEMA_NAME = name;
      try {
        names.push((await sqlOfSchemaFile(join(env, 'schema.ts'), { derived: cache }))[0]!);
      } finally {
        delete process.env.PARITY_TEST_SCHEMA_NAME;
      }
    }
    expect(names).toEqual(['CREATE SCHEMA "first";\n', 'CREATE SCHEMA "second";\n']);
    for (const [expression, imports] of [
      ["'s' + new Date().getUTCFullYear()", ''],
      ["'s' + Math.floor(Math.random() * 1e6)", ''],
      ["'s' + EOL.length", "import { EOL } from 'node:os';\n"],
      ["z.string().parse('shop')", "import { z } from 'zod';\n"],
      ["globalThis['process'].env.USER ?? 'shop'", ''],
    ]) {
      const dir = project({ 'schema.ts': schemaNamed(expression!, imports) });
      const compiled = await compileUserModule(join(dir, 'schema.ts'));
      expect([expression, compiled && schemaSqlKey(compiled)]).toEqual([expression, undefined]);
    }
    expect(kept()).toEqual([]);
  });

  it("the key names the version of drizzle-orm the file imports (found from the file, as Node finds it) and Node's version", async () => {
    const ours = project({ 'schema.ts': USERS });
    // another project whose drizzle-orm is another version (1.0's rc, which this repository also has)
    const other = folderWith({ 'package.json': '{"name":"shop","type":"module"}', 'schema.ts': USERS });
    mkdirSync(join(other, 'node_modules'));
    symlinkSync(join(ROOT, 'node_modules', 'drizzle-orm-v1'), join(other, 'node_modules', 'drizzle-orm'), 'dir');
    const a = (await compileUserModule(join(ours, 'schema.ts')))!;
    const b = (await compileUserModule(join(other, 'schema.ts')))!;
    expect(b.text).toBe(a.text);
    expect(schemaSqlKey(b)).not.toBe(schemaSqlKey(a));
    expect(schemaSqlKey(a)).toBe(schemaSqlKey((await compileUserModule(join(ours, 'schema.ts')))!));
    const onThisNode = schemaSqlKey(a);
    const version = Object.getOwnPropertyDescriptor(process, 'version')!;
    Object.defineProperty(process, 'version', { ...version, value: 'v99.0.0' });
    try {
      expect(schemaSqlKey(a)).toMatch(/^[0-9a-f]{64}$/);
      expect(schemaSqlKey(a)).not.toBe(onThisNode);
    } finally {
      Object.defineProperty(process, 'version', version);
    }
  });

  it('what is kept is data: an entry that is not a list of statements is generated again, and replaced', async () => {
    const dir = project({ 'schema.ts': USERS });
    const file = join(dir, 'schema.ts');
    const { cache, dir: keptDir, kept } = store();
    const first = await sqlOfSchemaFile(file, { derived: cache });
    const key = kept()[0]!;
    for (const damaged of ['{"statements": []}', '[1, 2]', 'not json', '']) {
      writeFileSync(join(keptDir, key), damaged);
      expect(keptSchemaSql(cache, key)).toBeUndefined();
    }
    expect(await sqlOfSchemaFile(file, { derived: cache })).toEqual(first);
    expect(JSON.parse(readFileSync(join(keptDir, key), 'utf8'))).toEqual(first);
  });

  it('through the CLI: parity keeps the SQL in the snapshot cache and a warm run generates nothing; --no-cache keeps nothing; parity cache clear removes it', async () => {
    const dir = project({ 'drizzle/schema.ts': USERS });
    const env = { PARITY_DATABASE_URL: testServer().adminUrl };
    const keptIn = (cacheDir: string) => (existsSync(join(cacheDir, SCHEMA_SQL_KIND)) ? readdirSync(join(cacheDir, SCHEMA_SQL_KIND)) : []);
    const snapshot = async (...flags: string[]) => {
      const run = await runMain(['snapshot', 'schema:drizzle/schema.ts', '-o', join(dir, 'out.json'), ...flags], { cwd: dir, env });
      expect(run.code, run.stderr).toBe(0);
      return readFileSync(join(dir, 'out.json'), 'utf8');
    };
    const cacheDir = join(dir, '.parity-cache', 'snapshots');
    await snapshot('--no-cache');
    expect(keptIn(cacheDir)).toEqual([]);
    expect(await snapshot()).not.toContain('"kept"');
    expect(keptIn(cacheDir)).toHaveLength(1);
    // the warm run reads the kept SQL: changed to another table, its snapshot key is another, and that is built
    const entry = join(cacheDir, SCHEMA_SQL_KIND, keptIn(cacheDir)[0]!);
    writeFileSync(entry, JSON.stringify(['CREATE TABLE "users" ("id" text PRIMARY KEY, "kept" text)']));
    expect(await snapshot()).toContain('"kept"');
    expect((await runMain(['cache', 'clear'], { cwd: dir })).code).toBe(0);
    expect(existsSync(entry)).toBe(false);
  });
});
