import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { compare } from '../../harness/compare/compare.js';
import { resolveSetup } from '../../harness/setup/setup.js';
import { snapshotOfSource } from '../../harness/source-snapshot/of-source.js';
import { parseSource } from '../../harness/sources/parse.js';
import { scratchDatabase, testServer } from '../support/scratch.js';

const ROOT = join(import.meta.dirname, '..', 'fixtures', 'supabase-project');
const server = async () => testServer();
const legacy = () => parseSource(`legacy:${join(ROOT, 'supabase', 'migrations')}`);
const schema = () => parseSource(`schema:${join(ROOT, 'drizzle', 'schema.ts')}`);
const supabase = () => resolveSetup(['preset:supabase'], ROOT)!;

describe('host setup: what Supabase (and the like) provide, with one flag', () => {
  it('without it, a Supabase project does not build, and the error says where', async () => {
    const error = await snapshotOfSource(legacy(), server).then(() => undefined, (e: Error) => e);
    expect(error?.message).toMatch(/20240101000000_profiles\.sql:\d+:\d+: schema "auth" does not exist \[3F000\]/);
  });

  it('with preset:supabase, the migrations and the Drizzle schema differ only in what Drizzle cannot declare — and nothing of the host shows', async () => {
    const notes: string[] = [];
    const [a, b] = await Promise.all([snapshotOfSource(legacy(), server, { setup: supabase() }), snapshotOfSource(schema(), server, { setup: supabase(), log: (l) => notes.push(l) })]);
    const differences = compare(a, b).differences.map((d) => `${d.kind} ${d.object} ${d.path}`);
    expect(differences).toEqual(['missing trigger auth.users#on_auth_user_created', 'missing function public.handle_new_user()']);
    // the host's own objects are in neither snapshot
    expect(a.schemas.map((s) => s.name)).toEqual(['public']);
    expect(a.extensions).toEqual([]);
    expect(a.functions.map((f) => `${f.schema}.${f.name}`)).toEqual(['public.handle_new_user']);
    // the host's tables stay as shells holding only what the project added (here a trigger on auth.users)
    expect(a.tables.map((t) => `${t.schema}.${t.name}:${t.columns.length}+${t.triggers.length}`)).toEqual(['auth.users:0+1', 'public.notes:3+0', 'public.profiles:3+0', 'storage.buckets:0+0', 'storage.migrations:0+0', 'storage.objects:0+0']);
    // drizzle-kit's CREATE SCHEMA "auth" / CREATE TABLE "auth"."users" (authUsers) were skipped, and it said so
    expect(notes.some((n) => /skipped CREATE TABLE "auth"\."users".*the host setup made it/.test(n))).toBe(true);
  });

  it('a live database built on the real thing compares equal to the replay: the host is subtracted on every side', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const dir = join(ROOT, 'supabase', 'migrations');
    const sql = [supabase().files[0]!.sql, ...readdirSync(dir).sort().map((f) => readFileSync(join(dir, f), 'utf8'))].join('\n');
    const live = await scratchDatabase('supabase_live', sql);
    onTestFinished(() => live.drop());
    const [a, b] = await Promise.all([snapshotOfSource(legacy(), server, { setup: supabase() }), snapshotOfSource(parseSource(`url:${live.url}`), server, { setup: supabase() })]);
    expect(compare(a, b).differences).toEqual([]);
  });

  it('a setup file of the project\'s own, and an unknown preset named with the ones there are', () => {
    expect(() => resolveSetup(['preset:firebase'], ROOT)).toThrow(/setup "preset:firebase": no such preset \(there are: preset:supabase\)/);
    expect(() => resolveSetup(['host.sql'], ROOT)).toThrow(/setup file host\.sql does not exist/);
  });
});

describe('host setup from the command line and the config', () => {
  it('--setup preset:supabase: one flag, not a stub hand-copied into the folder; the config\'s setup the same', async () => {
    const { runMain } = await import('../cli/run-parity.js');
    const { folderWith } = await import('../support/folders.js');
    const env = { PARITY_DATABASE_URL: testServer().adminUrl };
    const migrations = join(ROOT, 'supabase', 'migrations');
    const without = await runMain(['snapshot', `legacy:${migrations}`], { env });
    expect([without.code, without.stderr]).toEqual([2, expect.stringMatching(/schema "auth" does not exist/)]);
    const flag = await runMain(['diff', `legacy:${migrations}`, `schema:${join(ROOT, 'drizzle', 'schema.ts')}`, '--setup', 'preset:supabase', '--format', 'json'], { env });
    const report = JSON.parse(flag.stdout) as { differences: Array<{ kind: string; object: string; path: string }> };
    expect(report.differences.map((d) => `${d.kind} ${d.object} ${d.path}`)).toEqual(['missing trigger auth.users#on_auth_user_created', 'missing function public.handle_new_user()']);
    const project = folderWith({ 'parity.config.mjs': `export default { sources: { app: ${JSON.stringify(`legacy:${migrations}`)} }, snapshots: [], setup: ['preset:supabase'] };\n` });
    const configured = await runMain(['snapshot', 'app'], { cwd: project, env });
    expect(configured.code, configured.stderr).toBe(0);
    expect(JSON.parse(configured.stdout).tables.map((t: { schema: string; name: string }) => `${t.schema}.${t.name}`)).toContain('public.notes');
  });
});

describe('an extension the server lacks', () => {
  it('is named with the file and line, and the ways out', async () => {
    const { folderWith } = await import('../support/folders.js');
    const dir = folderWith({ '001_init.sql': 'CREATE TABLE t (id int);\nCREATE EXTENSION IF NOT EXISTS vector;\n' });
    const error = await snapshotOfSource(parseSource(`legacy:${dir}`), server).then(() => undefined, (e: Error) => e);
    expect(error?.message).toMatch(/001_init\.sql:2:\d+: .*vector.*\. This server has no extension "vector", and no setup file can stand in for CREATE EXTENSION: build on a server that has it \(/);
    expect(error?.message).toContain('PARITY_SERVER=container');
  });
});
