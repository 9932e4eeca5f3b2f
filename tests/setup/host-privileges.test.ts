import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveSetup } from '../../harness/setup/setup.js';
import { snapshotOfSource } from '../../harness/source-snapshot/of-source.js';
import { parseSource } from '../../harness/sources/parse.js';
import { testServer } from '../support/scratch.js';

const ROOT = join(import.meta.dirname, '..', 'fixtures', 'supabase-project');
const server = async () => testServer();

describe('host setup with privileges: the host\'s grants and owners are subtracted like its objects', () => {
  it('preset:supabase grants USAGE on auth to anon …: none of it shows; the project\'s own objects keep their owners and grants', async () => {
    const snapshot = await snapshotOfSource(parseSource(`legacy:${join(ROOT, 'supabase', 'migrations')}`), server, { setup: resolveSetup(['preset:supabase'], ROOT)!, privileges: true });
    // the host schemas (auth, storage, extensions, graphql_public) and their grants are gone
    expect(snapshot.grants!.filter((g) => ['auth', 'storage', 'extensions', 'graphql_public'].includes(g.schema ?? g.object))).toEqual([]);
    expect(snapshot.owners!.filter((o) => ['auth', 'storage', 'extensions', 'graphql_public'].includes(o.schema ?? o.object))).toEqual([]);
    // the project's function is still there, with its built-in grant
    expect(snapshot.grants!.filter((g) => g.object === 'handle_new_user').map((g) => `${g.privilege} ${g.grantee}`)).toEqual(['EXECUTE PUBLIC']);
    expect(snapshot.owners!.filter((o) => o.schema === 'public').map((o) => `${o.kind} ${o.object}`)).toEqual(expect.arrayContaining(['function handle_new_user']));
  });
});

describe('host setup with privileges: a grant the project makes on a host table', () => {
  it('is compared (the host table is a shell without its owner row)', async () => {
    const { folderWith } = await import('../support/folders.js');
    const { compare } = await import('../../harness/compare/compare.js');
    const setup = resolveSetup(['preset:supabase'], ROOT)!;
    const base = 'CREATE TABLE public.profiles (id uuid PRIMARY KEY REFERENCES auth.users (id));\n';
    const a = folderWith({ '001_profiles.sql': base });
    const b = folderWith({ '001_profiles.sql': `${base}GRANT TRIGGER ON auth.users TO authenticated;\n` });
    const [sa, sb] = await Promise.all([a, b].map((dir) => snapshotOfSource(parseSource(`legacy:${dir}`), server, { setup, privileges: true })));
    expect(compare(sa!, sb!, { privileges: 'drift' }).differences.map((d) => `${d.kind} ${d.object} ${d.path}`)).toEqual(['extra privilege table auth.users: TRIGGER TO authenticated']);
  });
});
