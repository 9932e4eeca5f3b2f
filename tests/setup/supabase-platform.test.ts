import { describe, expect, it } from 'vitest';
import { compare } from '../../harness/compare/compare.js';
import { resolveSetup } from '../../harness/setup/setup.js';
import { snapshotOfSource } from '../../harness/source-snapshot/of-source.js';
import { parseSource } from '../../harness/sources/parse.js';
import { folderWith } from '../support/folders.js';
import { testServer } from '../support/scratch.js';

const server = async () => testServer();
const supabase = () => resolveSetup(['preset:supabase'], process.cwd())!;

/** A `supabase/migrations` folder holding `files`. */
function supabaseFolder(files: Record<string, string>): string {
  const root = folderWith(Object.fromEntries(Object.entries(files).map(([name, sql]) => [`supabase/migrations/${name}`, sql])));
  return `${root}/supabase/migrations`;
}

const snapshot = (dir: string) => snapshotOfSource(parseSource(`legacy:${dir}`), server, { setup: supabase() });
const failure = (dir: string) => snapshot(dir).then(() => undefined, (e: Error) => e);

// What `supabase db pull` / `supabase db diff` write into a project's first migrations: the
// platform's own extensions (a no-op on Supabase, where they are installed before any migration),
// the realtime publication, and the auth service's ledger. pg_graphql, pgjwt and supabase_vault
// are not contrib: the embedded server has none of them (see the test of their failure).
const PULLED = `SET check_function_bodies = false;
SELECT pg_catalog.set_config('search_path', '', false);
CREATE EXTENSION IF NOT EXISTS "pg_stat_statements" WITH SCHEMA "extensions";
CREATE EXTENSION IF NOT EXISTS "pgcrypto" WITH SCHEMA "extensions";
CREATE EXTENSION IF NOT EXISTS "uuid-ossp" WITH SCHEMA "extensions";
CREATE TABLE "public"."messages" ("id" uuid DEFAULT "extensions"."uuid_generate_v4"() NOT NULL PRIMARY KEY, "body" text);
ALTER PUBLICATION "supabase_realtime" OWNER TO "postgres";
ALTER PUBLICATION "supabase_realtime" ADD TABLE ONLY "public"."messages";
`;

describe('preset:supabase has what every Supabase project has before its first migration (supabase/postgres migrations/schema.sql)', () => {
  it('a pulled remote schema replays: the platform extensions, the supabase_realtime publication, auth.schema_migrations — none of them in the snapshot', async () => {
    const dir = supabaseFolder({
      '20250101000000_remote_schema.sql': PULLED,
      '20250102000000_remote_schema.sql': 'revoke select on table "auth"."schema_migrations" from "postgres";\nrevoke select on table "storage"."migrations" from "postgres";\n',
    });
    const s = await snapshot(dir);
    expect(s.extensions).toEqual([]);
    expect(s.schemas.map((x) => x.name)).toEqual(['public']);
    // the host's publication stays as a shell holding the table the project added
    expect(s.publications.map((p) => [p.name, p.tables.map((t) => t.table)])).toEqual([['supabase_realtime', ['public.messages']]]);
    expect(s.tables.map((t) => `${t.schema}.${t.name}`)).toEqual(expect.arrayContaining(['public.messages']));
  });

  it("Supabase's own extensions that this server lacks are not faked: the migration that creates one fails, naming it and what to build on", async () => {
    for (const name of ['pg_graphql', 'pgjwt', 'supabase_vault']) {
      const error = await failure(supabaseFolder({ '20250101000000_a.sql': `CREATE TABLE t (id int);\nCREATE EXTENSION IF NOT EXISTS "${name}";\n` }));
      expect(error?.message).toContain(`20250101000000_a.sql:2:1: extension "${name}" is not available [0A000]`);
      expect(error?.message).toContain(`This server has no extension "${name}", and no setup file can stand in for CREATE EXTENSION: build on a server that has it (PARITY_SERVER=container with PARITY_CONTAINER_IMAGE=<an image with ${name}>, or PARITY_DATABASE_URL)`);
    }
  });

  it('a change the project makes to the host publication is compared, not subtracted away', async () => {
    const base = 'CREATE TABLE public.messages (id int PRIMARY KEY);\nALTER PUBLICATION supabase_realtime ADD TABLE public.messages;\n';
    const [a, b] = await Promise.all([
      snapshot(supabaseFolder({ '20250101000000_a.sql': base })),
      snapshot(supabaseFolder({ '20250101000000_a.sql': `${base}ALTER PUBLICATION supabase_realtime SET (publish = 'insert');\n` })),
    ]);
    expect([a, b].map((s) => s.publications.map((p) => `${p.name}: ${p.operations.join(',')} ${p.tables.map((t) => t.table).join(',')}`))).toEqual([
      ['supabase_realtime: insert,update,delete,truncate public.messages'],
      ['supabase_realtime: insert public.messages'],
    ]);
    expect(compare(a, b).differences.map((d) => `${d.kind} ${d.object} ${d.path}`)).toEqual(['changed publication supabase_realtime']);
  });
});
