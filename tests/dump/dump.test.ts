import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compare } from '../../harness/compare/compare.js';
import { dumpSchemaOnly, findPgDump, type PgDumpBinary } from '../../harness/dump/pg-dump.js';
import { sanitizeDump } from '../../harness/dump/sanitize.js';
import { withClient } from '../../harness/server/connect.js';
import { dropDatabase } from '../../harness/server/databases.js';
import { resolveCatalog } from '../../harness/vitest/matchers.js';
import { runMain, runParity } from '../cli/run-parity.js';
import { buildProdStandin } from '../fixtures/prod-standin/build.js';
import { rejectionOf } from '../support/errors.js';
import { folderWith } from '../support/folders.js';
import { testServer } from '../support/scratch.js';

const ROOT = join(import.meta.dirname, '..', '..');
const PERSONAL_DATA = ['Pieter', 'van der Merwe', 'karoo-minerals.example', '+27 82 555 0143', 'Lerato', 'Dlamini', 'nci.example', '555 0199', 'Thandiwe'];

describe('parity dump against a production stand-in', () => {
  const server = testServer();
  let standin: { name: string; url: string };
  let pgDump: PgDumpBinary;
  beforeAll(async () => {
    standin = await buildProdStandin(server);
    pgDump = await findPgDump(server.major);
  });
  afterAll(async () => {
    if (standin) await dropDatabase(server, standin.name);
  });

  it('writes a sanitized dump: no owners, privileges, restrict lines, versions, provider schema, personal data; same bytes twice', async () => {
    const dir = folderWith({});
    const out = (n: number) => join(dir, `production${n}.sql`);
    const first = await runMain(['dump', '--url', standin.url, '-o', out(1)], { cwd: ROOT });
    expect(first.code, first.stderr).toBe(0);
    expect((await runMain(['dump', '-o', out(2)], { cwd: ROOT, env: { PROD_DATABASE_URL: standin.url } })).code).toBe(0);
    const text = readFileSync(out(1), 'utf8');
    expect(readFileSync(out(2), 'utf8')).toBe(text);
    for (const forbidden of [/OWNER TO/, /^GRANT /m, /^REVOKE /m, /DEFAULT PRIVILEGES/, /\\restrict/, /\\unrestrict/, /Dumped by pg_dump version/, /extensions\./, /pgcrypto/, /audit_log/, /parity_app_/, /Owner:/, /^COPY /m]) {
      expect(text, String(forbidden)).not.toMatch(forbidden);
    }
    for (const personal of PERSONAL_DATA) expect(text).not.toContain(personal);
    // the raw dump did name them: the sanitizer is what removed them
    const raw = await dumpSchemaOnly(pgDump, standin.url);
    expect(raw).toMatch(/OWNER TO parity_app_owner/);
    expect(raw).toMatch(/CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA extensions/);
    expect(raw).toMatch(/\\restrict schemaparity/);
  });

  it('three-way: legacy == baseline == the restored dump, and the committed production.sql is that dump', async () => {
    const file = join(folderWith({}), 'production.sql');
    writeFileSync(file, sanitizeDump(await dumpSchemaOnly(pgDump, standin.url)));
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(join(ROOT, 'snapshots', 'production.sql'), 'utf8'));
    const production = await resolveCatalog(`dump:${file}`);
    await expect(production.snapshot).toMatchCatalog(`legacy:${join(ROOT, 'migrations-legacy')}`, { strict: true });
    await expect(production.snapshot).toMatchCatalog(`drizzle:${join(ROOT, 'drizzle', 'migrations')}@0002_triggers_and_comments`, { strict: true });
  });

  it('refuses a dump with data, naming the entry — and never writes it', async () => {
    const parsed = new URL(standin.url);
    const password = decodeURIComponent(parsed.password);
    parsed.password = '';
    const withData = execFileSync(pgDump.path, [`--dbname=${parsed}`], { encoding: 'utf8', env: { ...process.env, PGPASSWORD: password } });
    expect(withData).toContain('Pieter');
    expect(() => sanitizeDump(withData, { origin: 'full.sql' })).toThrow(/^full\.sql:\d+: TABLE DATA \w+\.\w+ holds data; schema-parity never writes data to a file/);
  });

  it('never prints the password: wrong password and unreachable server', async () => {
    const wrong = new URL(standin.url);
    wrong.password = 'Sup3rSecretWrong';
    const run = await runMain(['dump', '--url', wrong.toString(), '-o', join(folderWith({}), 'x.sql')], { cwd: ROOT });
    expect(run.code).toBe(2);
    expect(run.stdout + run.stderr).not.toContain('Sup3rSecretWrong');
    expect(run.stderr).toContain(':***@');
    const gone = await runMain(['dump', '-o', join(folderWith({}), 'x.sql')], { cwd: ROOT, env: { PROD_DATABASE_URL: 'postgres://ro:An0therSecret@127.0.0.1:1/prod' } });
    expect(gone.code).toBe(2);
    expect(gone.stdout + gone.stderr).not.toContain('An0therSecret');
    const none = await runMain(['dump'], { cwd: ROOT, env: { PROD_DATABASE_URL: undefined } });
    expect([none.code, none.stderr]).toEqual([2, expect.stringContaining('set PROD_DATABASE_URL')]);
  });

  it('the nightly passes on the stand-in, and fails naming what drifted on one that drifted', async () => {
    const summary = join(folderWith({}), 'summary.md');
    const ok = await runParity([], { cwd: ROOT, script: 'scripts/nightly.mjs', env: { PROD_DATABASE_URL: standin.url, PARITY_DATABASE_URL: server.adminUrl, NIGHTLY_OUT: folderWith({}), GITHUB_STEP_SUMMARY: summary } });
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toContain('✓ legacy = production (fresh dump)');
    expect(ok.stdout).toContain('✓ baseline = production (fresh dump)');
    expect(readFileSync(summary, 'utf8')).toContain('## ✅ Production matches the reviewed schema');
    const drifted = await buildProdStandin(server, { label: 'prod drifted', drift: 'ALTER TABLE requests DROP CONSTRAINT requests_request_id_key' });
    try {
      const out = folderWith({});
      const run = await runParity([], { cwd: ROOT, script: 'scripts/nightly.mjs', env: { PROD_DATABASE_URL: drifted.url, PARITY_DATABASE_URL: server.adminUrl, NIGHTLY_OUT: out } });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('requests_request_id_key');
      expect(readFileSync(join(out, 'drift-report.md'), 'utf8')).toContain('requests_request_id_key');
      expect(readFileSync(join(out, 'production.sql'), 'utf8')).not.toContain('requests_request_id_key UNIQUE');
    } finally {
      await dropDatabase(server, drifted.name);
    }
  });
});

describe('sanitize and restore: inputs pg-dump-parser cannot take, and bad dumps', () => {
  const restore = (sql: string) => resolveCatalog(`dump:${join(folderWith({ 'd.sql': sql }), 'd.sql')}`);
  const dumpOf = async (sql: string) => {
    const server = testServer();
    const db = await buildFrom(sql);
    try {
      return sanitizeDump(await dumpSchemaOnly(await findPgDump(server.major), db.url));
    } finally {
      await db.drop();
    }
  };

  it('keeps policies, row security and rules of the app schema (pg-dump-parser throws on them)', async () => {
    const sql = `CREATE TABLE notes (owner text, body text); ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
      CREATE POLICY notes_own ON notes USING (owner = current_user);
      CREATE TABLE notes_log (body text); CREATE RULE notes_log_rule AS ON INSERT TO notes DO ALSO INSERT INTO notes_log VALUES (NEW.body);`;
    const text = await dumpOf(sql);
    expect(text).toContain('Type: POLICY');
    expect(text).toContain('Type: ROW SECURITY');
    expect(text).toContain('Type: RULE');
    const restored = (await restore(text)).snapshot;
    const direct = await snapshotAfter(sql);
    expect(compare(direct, restored).differences).toEqual([]);
    expect(restored.tables.find((t) => t.name === 'notes')?.policies.map((p) => p.name)).toEqual(['notes_own']);
  });

  it('keeps a function body with two blank lines in a row whole (pg-dump-parser splits there)', async () => {
    const sql = "CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$\nBEGIN\n\n\n  RETURN 1;\nEND $$;";
    const text = await dumpOf(sql);
    expect(text).toContain('BEGIN\n\n\n  RETURN 1;');
    expect(sanitizeDump(text)).toBe(text);
    expect((await restore(text)).snapshot.functions[0]?.body).toEqual(['', 'BEGIN', '', '', '  RETURN 1;', 'END ']);
  });

  it('drops statements, not lines: a function body whose lines look like owners, privileges and session settings is kept whole', async () => {
    const body = 'BEGIN\nGRANT SELECT ON TABLE public.t TO PUBLIC;\nALTER TABLE public.t OWNER TO CURRENT_USER;\nSET ROLE NONE;\nEND ';
    const text = await dumpOf(`CREATE TABLE t (id int); CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$\n${body}$$;`);
    expect(text).toContain(body);
    expect(sanitizeDump(text)).toBe(text);
    expect((await restore(text)).snapshot.functions[0]?.body).toEqual(['', ...body.split('\n')]);
  });

  it('a function body with a line that starts INSERT INTO or COPY … FROM stdin is schema, not data', async () => {
    const body = '\nINSERT INTO public.log VALUES (1);\nCOPY public.log FROM stdin;\n';
    const text = await dumpOf(`CREATE TABLE log (id int); CREATE FUNCTION f() RETURNS void LANGUAGE sql AS $$${body}$$;`);
    expect(text).toContain(body);
    expect((await restore(text)).snapshot.functions[0]?.body).toEqual(body.split('\n'));
  });

  it('refuses an empty dump, a truncated one, and one from a newer major, naming the file', async () => {
    const text = readFileSync(join(ROOT, 'snapshots', 'production.sql'), 'utf8');
    expect((await rejectionOf(restore(''))).message).toMatch(/d\.sql is empty: expected the output of pg_dump --schema-only/);
    expect((await rejectionOf(restore(text.slice(0, Math.floor(text.length / 2))))).message).toMatch(/d\.sql is truncated: pg_dump's last line "-- PostgreSQL database dump complete" is missing/);
    expect((await rejectionOf(restore(text.replace('-- Dumped from database version 15', '-- Dumped from database version 17')))).message).toMatch(
      /d\.sql was dumped from PostgreSQL 17; this server is 15, which cannot restore it\. Set PARITY_PG_MAJOR=17/,
    );
  });

  it('a statement that fails names file, line and entry', async () => {
    const text = readFileSync(join(ROOT, 'snapshots', 'production.sql'), 'utf8').replace('    pipeline_id bigint NOT NULL,', '    pipeline_id bigintt NOT NULL,');
    const error = await rejectionOf(restore(text));
    const line = text.split('\n').findIndex((l) => l.includes('bigintt')) + 1;
    expect(error.message).toMatch(new RegExp(`d\\.sql:${line}:\\d+: type "bigintt" does not exist \\[42704\\] \\(in TABLE \\w+\\)`));
  });

  it('roles named by a policy need not exist: created NOLOGIN on a throwaway server, explained on a url server', async () => {
    const role = `parity_missing_${Math.random().toString(36).slice(2, 8)}`;
    const text = `${SANITIZED_HEAD}--\n-- Name: t; Type: TABLE; Schema: public\n--\n\nCREATE TABLE public.t (a int);\n\n--\n-- Name: t p; Type: POLICY; Schema: public\n--\n\nCREATE POLICY p ON public.t TO ${role} USING (true);\n\n--\n-- PostgreSQL database dump complete\n--\n`;
    const restored = (await restore(text)).snapshot;
    expect(restored.tables[0]?.policies[0]?.roles).toEqual([role]);
  });

  it('finds no pg_dump for a major nobody has, and says how to install one', async () => {
    expect((await rejectionOf(findPgDump(99))).message).toMatch(/no pg_dump of major 99 or newer found .*apt-get install postgresql-client-99.*PARITY_PG_DUMP/);
    expect((await rejectionOf(findPgDump(15, { PATH: '', PARITY_PG_DUMP: '/nowhere/pg_dump' }))).message).toBe('PARITY_PG_DUMP=/nowhere/pg_dump is not a pg_dump that runs');
    const found = await findPgDump(15);
    expect((await rejectionOf(findPgDump(found.major + 1, { PARITY_PG_DUMP: found.path }))).message).toMatch(new RegExp(`is pg_dump ${found.major}; the server is PostgreSQL ${found.major + 1}, which needs pg_dump ${found.major + 1} or newer`));
  });
});

const SANITIZED_HEAD = "-- schema-parity sanitized schema dump\n\nSET check_function_bodies = false;\nSELECT pg_catalog.set_config('search_path', '', false);\n\n";

async function buildFrom(sql: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const { createDatabase } = await import('../../harness/server/databases.js');
  const server = testServer();
  const name = await createDatabase(server, 'dump input');
  const url = server.urlFor(name);
  await withClient(url, (c) => c.query(sql));
  return { url, drop: () => dropDatabase(server, name) };
}

async function snapshotAfter(sql: string) {
  const db = await buildFrom(sql);
  try {
    return await withClient(db.url, async (c) => (await import('../../harness/catalog/snapshot.js')).takeSnapshot(c));
  } finally {
    await db.drop();
  }
}

describe('pg_dump from a container', () => {
  it('no local pg_dump of the major on the embedded provider: the container is tried next, and without a daemon the error names both ways out', async () => {
    const { dumpWithBestPgDump } = await import('../../harness/dump/best-pg-dump.js');
    const steps: string[] = [];
    const step = <T>(label: string, run: () => Promise<T>) => (steps.push(label), run());
    const saved = process.env.DOCKER_HOST;
    process.env.DOCKER_HOST = 'tcp://127.0.0.1:9';
    try {
      const error = await rejectionOf(dumpWithBestPgDump(99, 'postgres://ro:Secr3tPw@127.0.0.1:1/prod', step, { PATH: process.env.PATH }));
      expect(error.message).toBe(
        'no local pg_dump of major 99 or newer, and no Docker daemon answers at tcp://127.0.0.1:9 to run one in a container. Install postgresql-client-99 (apt-get install postgresql-client-99) or point PARITY_PG_DUMP at one.',
      );
      expect(steps).toEqual(['pg_dump 99 --schema-only (in a container)']);
    } finally {
      if (saved === undefined) delete process.env.DOCKER_HOST;
      else process.env.DOCKER_HOST = saved;
    }
  });

  it('without a Docker daemon (one that accepts TCP and never answers would hang testcontainers) says what to install', async () => {
    const { dumpInContainer } = await import('../../harness/dump/container-pg-dump.js');
    const saved = process.env.DOCKER_HOST;
    process.env.DOCKER_HOST = 'tcp://127.0.0.1:9';
    try {
      const error = await rejectionOf(dumpInContainer(15, 'postgres://ro:Secr3tPw@127.0.0.1:1/prod'));
      expect(error.message).toBe(
        'no local pg_dump of major 15 or newer, and no Docker daemon answers at tcp://127.0.0.1:9 to run one in a container. Install postgresql-client-15 (apt-get install postgresql-client-15) or point PARITY_PG_DUMP at one.',
      );
    } finally {
      if (saved === undefined) delete process.env.DOCKER_HOST;
      else process.env.DOCKER_HOST = saved;
    }
  });
});
