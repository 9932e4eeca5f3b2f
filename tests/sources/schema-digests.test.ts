import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SnapshotCache } from '../../harness/cache/snapshot-cache.js';
import { schemaFileSource } from '../../harness/sources/schema-file.js';
import { keptSchemaDigest, SCHEMA_DIGEST_KIND, schemaDigestKey } from '../../harness/sources/schema-digests.js';
import { compileUserModule } from '../../harness/util/user-module.js';
import { folderWith } from '../support/folders.js';
import { testServer } from '../support/scratch.js';
import { runMain } from '../cli/run-parity.js';

const ROOT = join(import.meta.dirname, '..', '..');
const USERS = "import { pgTable, text } from 'drizzle-orm/pg-core';\nexport const users = pgTable('users', { id: text().primaryKey() });\n";
const SCHEMA = "export * from './users';\n";

/** Folders made for the whole file (folderWith's go when their test ends). */
const made: string[] = [];
function folder(files: Record<string, string>, perTest: boolean): string {
  if (perTest) return folderWith(files);
  const dir = mkdtempSync(join(tmpdir(), 'parity-digests-'));
  made.push(dir);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

/** A project with our packages linked, and the given files. */
function project(files: Record<string, string>, perTest = true): string {
  const dir = folder({ 'package.json': '{"name":"shop","type":"module"}', ...files }, perTest);
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

/** A snapshot cache in a folder of its own, and the digests it keeps. */
function store(perTest = true) {
  const cache = new SnapshotCache(folder({}, perTest), () => {});
  const dir = join(cache.dir, SCHEMA_DIGEST_KIND);
  const kept = () => (existsSync(dir) ? readdirSync(dir).filter((name) => !name.endsWith('.tmp')) : []);
  return { cache, dir, kept };
}

/** A schema: source's name (its hash) as a run with this snapshot cache takes it: a new source each time, as each run makes. */
const nameOf = (file: string, cache?: SnapshotCache) => schemaFileSource(file).hash(cache ? { derived: cache } : {});

const ANOTHER = 'f'.repeat(64);

describe("the digest of drizzle-kit's SQL of a schema module is kept in the snapshot cache, under a key of all that decides it", () => {
  // one project and one cache for the cases that start from its first run (drizzle-kit runs once for them)
  let file: string;
  let cache: SnapshotCache;
  let keptDir: string;
  let kept: () => string[];
  let first: string;
  beforeAll(async () => {
    file = join(project({ 'db/users.ts': USERS, 'db/schema.ts': SCHEMA }, false), 'db', 'schema.ts');
    ({ cache, dir: keptDir, kept } = store(false));
    first = await nameOf(file, cache);
  });
  afterAll(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });

  it('an unchanged module is not generated again: the kept digest names it', async () => {
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(kept()).toHaveLength(1);
    expect(readFileSync(join(keptDir, kept()[0]!), 'utf8')).toBe(`${first}\n`);
    // the next run takes the kept digest, not drizzle-kit's SQL again: changed here, it shows
    writeFileSync(join(keptDir, kept()[0]!), `${ANOTHER}\n`);
    try {
      expect(await nameOf(file, cache)).toBe(ANOTHER);
    } finally {
      writeFileSync(join(keptDir, kept()[0]!), `${first}\n`);
    }
  });

  it('what is kept is data, never run: an entry that is not a digest is generated again, and replaced', async () => {
    const key = kept()[0]!;
    for (const damaged of ['CREATE TABLE x ()', first.slice(1), first.toUpperCase(), '']) {
      writeFileSync(join(keptDir, key), damaged);
      expect(keptSchemaDigest(cache, key)).toBeUndefined();
    }
    expect(await nameOf(file, cache)).toBe(first);
    expect(readFileSync(join(keptDir, key), 'utf8')).toBe(`${first}\n`);
  });

  it('a change of the file, or of a local file it imports, is another key', async () => {
    const key = schemaDigestKey((await compileUserModule(file))!);
    writeFileSync(file, `${SCHEMA}export const kind = 'shop';\n`);
    expect(schemaDigestKey((await compileUserModule(file))!)).not.toBe(key);
    writeFileSync(join(file, '..', 'users.ts'), USERS.replace('id: text().primaryKey()', 'id: text().primaryKey(), name: text()'));
    const after = await nameOf(file, cache);
    expect(after).not.toBe(first);
    expect(kept()).toHaveLength(2);
  });

  it('a module whose SQL can depend on more than its text is generated every time and never kept: the environment, the clock, chance, a builtin, a package', async () => {
    const schemaNamed = (expression: string, imports = '') =>
      `${imports}import { pgSchema, text } from 'drizzle-orm/pg-core';\nexport const shop = pgSchema(${expression});\nexport const users = shop.table('users', { id: text().primaryKey() });\n`;
    const { cache, kept } = store();
    const env = join(project({ 'schema.ts': schemaNamed("process.env.PARITY_TEST_SCHEMA_NAME ?? 'none'") }), 'schema.ts');
    const names: string[] = [];
    for (const name of ['first', 'second']) {
      process.env.PARITY_TEST_SCHEMA_NAME = name;
      try {
        names.push(await nameOf(env, cache));
      } finally {
        delete process.env.PARITY_TEST_SCHEMA_NAME;
      }
    }
    expect(names[0]).not.toBe(names[1]);
    for (const [expression, imports] of [
      ["'s' + new Date().getUTCFullYear()", ''],
      ["'s' + Math.floor(Math.random() * 1e6)", ''],
      ["'s' + EOL.length", "import { EOL } from 'node:os';\n"],
      ["z.string().parse('shop')", "import { z } from 'zod';\n"],
      ["globalThis['process'].env.USER ?? 'shop'", ''],
    ]) {
      const dir = project({ 'schema.ts': schemaNamed(expression!, imports) });
      const compiled = await compileUserModule(join(dir, 'schema.ts'));
      expect([expression, compiled && schemaDigestKey(compiled)]).toEqual([expression, undefined]);
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
    expect(schemaDigestKey(b)).not.toBe(schemaDigestKey(a));
    expect(schemaDigestKey(a)).toBe(schemaDigestKey((await compileUserModule(join(ours, 'schema.ts')))!));
    const onThisNode = schemaDigestKey(a);
    const version = Object.getOwnPropertyDescriptor(process, 'version')!;
    Object.defineProperty(process, 'version', { ...version, value: 'v99.0.0' });
    try {
      expect(schemaDigestKey(a)).toMatch(/^[0-9a-f]{64}$/);
      expect(schemaDigestKey(a)).not.toBe(onThisNode);
    } finally {
      Object.defineProperty(process, 'version', version);
    }
  });

  it('through the CLI: a warm run takes the kept digest; a digest its SQL does not have is an error once, then mended; --no-cache keeps nothing; parity cache clear removes them', async () => {
    const dir = project({ 'drizzle/schema.ts': USERS });
    const env = { PARITY_DATABASE_URL: testServer().adminUrl };
    const cacheDir = join(dir, '.parity-cache', 'snapshots');
    const keptIn = () => (existsSync(join(cacheDir, SCHEMA_DIGEST_KIND)) ? readdirSync(join(cacheDir, SCHEMA_DIGEST_KIND)) : []);
    const snapshot = (...flags: string[]) => runMain(['snapshot', 'schema:drizzle/schema.ts', '-o', join(dir, 'out.json'), ...flags], { cwd: dir, env });
    expect((await snapshot('--no-cache')).code).toBe(0);
    expect(keptIn()).toEqual([]);
    expect((await snapshot()).code).toBe(0);
    expect(keptIn()).toHaveLength(1);
    const entry = join(cacheDir, SCHEMA_DIGEST_KIND, keptIn()[0]!);
    // another digest: another snapshot key, not in the cache, so it builds, and its SQL is not that digest's
    writeFileSync(entry, `${ANOTHER}\n`);
    const refused = await snapshot();
    expect([refused.code, refused.stderr]).toEqual([2, expect.stringContaining('drizzle-kit now generates other SQL from it than the digest kept in the snapshot cache says')]);
    expect(existsSync(entry)).toBe(false);
    expect((await snapshot()).code).toBe(0);
    const digest = readFileSync(entry, 'utf8');
    expect(digest).not.toBe(`${ANOTHER}\n`);
    // the snapshot gone from the cache, the digest kept: it builds, and its SQL has that digest
    for (const name of readdirSync(cacheDir).filter((n) => n.endsWith('.json'))) rmSync(join(cacheDir, name));
    const rebuilt = await snapshot();
    expect([rebuilt.code, rebuilt.stderr]).toEqual([0, '']);
    expect(readFileSync(entry, 'utf8')).toBe(digest);
    expect((await runMain(['cache', 'clear'], { cwd: dir })).code).toBe(0);
    expect(existsSync(entry)).toBe(false);
  });
});
