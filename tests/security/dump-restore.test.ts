import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { restoreDump } from '../../harness/sources/dump.js';
import { rejectionOf } from '../support/errors.js';
import { folderWith } from '../support/folders.js';
import { scratchDatabase } from '../support/scratch.js';

const ROOT = join(import.meta.dirname, '..', '..');
const PRODUCTION = readFileSync(join(ROOT, 'snapshots', 'production.sql'), 'utf8');

/** production.sql with `entry` (a TOC header and its SQL) added before the end marker. */
function dumpWith(entry: string): string {
  return PRODUCTION.replace('--\n-- PostgreSQL database dump complete', () => `${entry}\n\n--\n-- PostgreSQL database dump complete`);
}

async function restoreText(text: string) {
  const file = join(folderWith({}), 'prod.sql');
  writeFileSync(file, text);
  const db = await scratchDatabase('restore_sec');
  onTestFinished(() => db.drop());
  const error = await restoreDump(db.client, file).then(() => undefined, (e: Error) => e);
  return { error, db, file };
}

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('security: a dump: file restores only what pg_dump writes for a schema', () => {
  const marker = () => {
    const path = join(tmpdir(), `parity-dump-pwned-${process.pid}-${Math.random().toString(36).slice(2)}`);
    onTestFinished(() => rmSync(path, { force: true }));
    return path;
  };

  it('COPY … FROM PROGRAM is refused, naming file:line, and runs nothing', async () => {
    const path = marker();
    const text = dumpWith(`--\n-- Name: t; Type: TABLE; Schema: public\n--\n\nCREATE TABLE public.t (x text);\nCOPY public.t FROM PROGRAM 'touch ${path}';`);
    const { error } = await restoreText(text);
    expect(existsSync(path)).toBe(false);
    expect(error?.message).toMatch(new RegExp(`prod\\.sql:${lineOf(text, 'FROM PROGRAM')}:1: COPY is not a statement pg_dump writes for a schema`));
  });

  it('a lowercase insert into is refused', async () => {
    const text = dumpWith(`--\n-- Name: t; Type: TABLE; Schema: public\n--\n\nCREATE TABLE public.t (x text);\ninsert into public.t values ('x');`);
    const { error } = await restoreText(text);
    expect(error?.message).toMatch(new RegExp(`prod\\.sql:${lineOf(text, 'insert into')}:1: INSERT is not a statement pg_dump writes for a schema`));
  });

  it('a DO block (that inserts, or runs a program) is refused', async () => {
    const path = marker();
    const text = dumpWith(`--\n-- Name: f; Type: FUNCTION; Schema: public\n--\n\nDO $$ BEGIN EXECUTE 'COPY (SELECT 1) TO PROGRAM ''touch ${path}'''; END $$;`);
    const { error } = await restoreText(text);
    expect(existsSync(path)).toBe(false);
    expect(error?.message).toMatch(new RegExp(`prod\\.sql:${lineOf(text, 'DO $$')}:1: DO is not a statement pg_dump writes for a schema`));
  });

  it('a statement hidden behind a SET on the same line is refused', async () => {
    const path = marker();
    const text = dumpWith(`--\n-- Name: t; Type: TABLE; Schema: public\n--\n\nSET default_tablespace = ''; COPY (SELECT 1) TO PROGRAM 'touch ${path}';`);
    const { error } = await restoreText(text);
    expect(existsSync(path)).toBe(false);
    expect(error?.message).toMatch(new RegExp(`prod\\.sql:${lineOf(text, 'TO PROGRAM')}:\\d+: COPY is not a statement pg_dump writes for a schema`));
  });

  it('a materialized view that would run its query (WITH DATA) and CREATE TABLE AS are refused', async () => {
    for (const sql of ['CREATE MATERIALIZED VIEW public.m AS SELECT 1 AS x;', 'CREATE TABLE public.c AS SELECT 1 AS x;']) {
      const text = dumpWith(`--\n-- Name: m; Type: MATERIALIZED VIEW; Schema: public\n--\n\n${sql}`);
      const { error } = await restoreText(text);
      expect(error?.message, sql).toMatch(new RegExp(`prod\\.sql:${lineOf(text, sql)}:1: .*(WITH NO DATA|AS SELECT)`));
    }
  });

  it('an event trigger cannot fire on the rest of the restore: event triggers are created last', async () => {
    const text = dumpWith(
      [
        '--\n-- Name: audit(); Type: FUNCTION; Schema: public\n--\n',
        "CREATE FUNCTION public.audit() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'fired during the restore'; END $$;",
        '\n--\n-- Name: audit; Type: EVENT TRIGGER; Schema: -\n--\n',
        'CREATE EVENT TRIGGER audit ON ddl_command_end EXECUTE FUNCTION public.audit();',
        '\n--\n-- Name: later; Type: TABLE; Schema: public\n--\n',
        'CREATE TABLE public.later (x int);',
      ].join('\n'),
    );
    const { error, db } = await restoreText(text);
    expect(error).toBeUndefined();
    const { rows } = await db.client.query("SELECT evtname FROM pg_event_trigger");
    expect(rows).toEqual([{ evtname: 'audit' }]);
    expect((await db.client.query("SELECT to_regclass('public.later') IS NOT NULL AS ok")).rows[0].ok).toBe(true);
  });

  // Statements of kinds pg_dump writes, in forms it never writes, that would evaluate an
  // expression as the restoring superuser: each calls a function that runs a program.
  const programFunction = (path: string) =>
    [
      '--\n-- Name: doit(); Type: FUNCTION; Schema: public\n--\n',
      `CREATE FUNCTION public.doit() RETURNS integer LANGUAGE plpgsql AS $f$ BEGIN EXECUTE 'COPY (SELECT 1) TO PROGRAM ''touch ${path}'''; RETURN 1; END $f$;`,
      '\n--\n-- Name: t; Type: TABLE; Schema: public\n--\n',
      'CREATE TABLE public.t (id integer NOT NULL);',
      '\n--\n-- Name: p; Type: TABLE; Schema: public\n--\n',
      'CREATE TABLE public.p (a integer) PARTITION BY RANGE (a);',
      '',
    ].join('\n');

  it.each([
    ['a column added with a default (evaluated once, for the rows there are)', 'ALTER TABLE public.t ADD COLUMN c integer DEFAULT public.doit();', 'ALTER TABLE … ADD'],
    ['a column added without the word COLUMN', 'ALTER TABLE ONLY public.t ADD c integer DEFAULT public.doit();', 'ALTER TABLE … ADD'],
    ['a column whose type changes, USING an expression', 'ALTER TABLE public.t ALTER COLUMN id TYPE bigint USING public.doit();', 'ALTER COLUMN … TYPE'],
    ['a partition bound that calls a function', 'CREATE TABLE public.p1 PARTITION OF public.p FOR VALUES FROM (public.doit()) TO (100);', 'partition bound'],
    ['a partition attached with a bound that calls a function', 'CREATE TABLE public.p2 (a integer);\nALTER TABLE ONLY public.p ATTACH PARTITION public.p2 FOR VALUES FROM (0) TO (public.doit());', 'partition bound'],
    ['a partition bound with a cast (a type\'s input function)', "CREATE TABLE public.p3 PARTITION OF public.p FOR VALUES FROM ('1'::integer) TO (100);", 'partition bound'],
    ['a materialized view whose WITH NO DATA is a comment', 'CREATE MATERIALIZED VIEW public.m AS SELECT public.doit() AS a -- WITH NO DATA\n;', 'WITH NO DATA'],
    ['strings read without standard conforming strings, hiding a DO', "SET standard_conforming_strings = off;\nCOMMENT ON TABLE public.t IS 'a\\''; DO $x$ BEGIN PERFORM public.doit(); END $x$; -- ';", 'standard_conforming_strings'],
    ['a client encoding whose characters can end in a quote byte', "SET client_encoding = 'SJIS';", 'client_encoding'],
    // read on tokens: a prefix or a comment changed the name the check read, not the one the server reads
    ...["E'SJIS'", "U&'SJIS'", "'SJIS' /* x */", 'sjis -- x\n', "'Shift_JIS'"].map((value) => [
      `that encoding written ${value.trim()}, then a quote the server reads as closing`,
      `SET client_encoding = ${value};\nCOMMENT ON TABLE public.t IS E'\u00c1\\'; DO $x$ BEGIN PERFORM public.doit(); END $x$; --';`,
      'client_encoding',
    ]),
    ['a client encoding set inside an entry (the restore sends UTF-8)', "SET client_encoding = 'LATIN1';", 'client_encoding'],
    ['a C function (a symbol of any library on the server)', "CREATE FUNCTION public.sys(cstring) RETURNS integer LANGUAGE c STRICT AS '/lib/x86_64-linux-gnu/libc.so.6', 'system';", 'LANGUAGE c'],
    ['a subscription whose connect = false is a comment', "CREATE SUBSCRIPTION s CONNECTION 'host=127.0.0.1 port=1 dbname=x' PUBLICATION p /* connect = false */;", 'connect = false'],
    ['a foreign-data wrapper whose validator the dump defines', 'CREATE FOREIGN DATA WRAPPER w VALIDATOR public.doit;', 'the dump defines'],
    ['a language whose handler the dump defines', 'CREATE LANGUAGE l HANDLER public.doit;', 'the dump defines'],
  ])('%s: refused, and nothing runs', async (_name, sql, why) => {
    const path = marker();
    const text = dumpWith(`${programFunction(path)}\n--\n-- Name: x; Type: TABLE; Schema: public\n--\n\n${sql}`);
    const { error } = await restoreText(text);
    expect(existsSync(path)).toBe(false);
    expect(error?.message).toContain(why);
    expect(error?.message).toMatch(/prod\.sql:\d+:\d+: /);
  });

  it("the database's own encoding, as pg_dump writes it (SQL_ASCII, LATIN1), is not refused", async () => {
    for (const encoding of ['SQL_ASCII', 'LATIN1', 'UTF8']) {
      const text = PRODUCTION.replace("SET client_encoding = 'UTF8';", `SET client_encoding = '${encoding}';`);
      expect(text, encoding).toContain(`SET client_encoding = '${encoding}';`);
      const { error } = await restoreText(text);
      expect(error, encoding).toBeUndefined();
    }
  });

  it.each([
    // forms pg_dump writes itself, where the server runs an IMMUTABLE function of constants as it creates the object
    ['an index predicate', 'CREATE INDEX t_i ON public.t USING btree (id) WHERE (id > public.imm(1));'],
    ['an index expression', 'CREATE INDEX t_e ON public.t USING btree ((id + public.imm(1)));'],
    ['a stored generated column', 'CREATE TABLE public.g (id integer, x integer GENERATED ALWAYS AS (public.imm(1)) STORED);'],
    // which statements run as the superuser is read on tokens: a comment must not make one of them
    ['an exclusion constraint whose comment says OWNER TO', 'ALTER TABLE ONLY public.t ADD CONSTRAINT t_x EXCLUDE USING btree ((id + public.imm(1)) WITH =) -- OWNER TO postgres\n;'],
    // block comments nest: the server reads all of `/* /* */ OWNER TO postgres -- */` as one comment
    ['an exclusion constraint whose nested comment says OWNER TO', 'ALTER TABLE ONLY public.t ADD CONSTRAINT t_y EXCLUDE USING btree ((id + public.imm(1)) WITH =) /* /* */ OWNER TO postgres -- */;'],
    ['an index whose comment says GRANT', '/* GRANT */ CREATE INDEX t_g ON public.t USING btree ((id + public.imm(1)));'],
  ])('%s that calls the dump\'s function runs with no superuser rights: no program runs', async (_name, sql) => {
    const path = marker();
    const text = dumpWith(
      [
        programFunction(path),
        '--\n-- Name: imm(integer); Type: FUNCTION; Schema: public\n--\n',
        'CREATE FUNCTION public.imm(integer) RETURNS integer LANGUAGE plpgsql IMMUTABLE AS $f$ BEGIN PERFORM public.doit(); RETURN $1; END $f$;',
        '\n--\n-- Name: x; Type: INDEX; Schema: public\n--\n',
        sql,
      ].join('\n'),
    );
    const { error } = await restoreText(text);
    expect(existsSync(path)).toBe(false);
    // the function ran, as a role that may not run programs: the restore fails, naming the line
    expect(error?.message).toMatch(new RegExp(`prod\\.sql:${lineOf(text, sql.split('\n')[0]!)}:\\d+: .*(permission denied|must be superuser|pg_execute_server_program)`));
  });

  it('a partition key of a domain type: attaching a partition (its bound coerced to the domain, the CHECK run) is refused, and nothing runs', async () => {
    const path = marker();
    const text = dumpWith(
      [
        programFunction(path),
        '--\n-- Name: d; Type: DOMAIN; Schema: public\n--\n',
        'CREATE DOMAIN public.d AS integer CONSTRAINT c CHECK (public.doit() = 1);',
        '\n--\n-- Name: dp; Type: TABLE; Schema: public\n--\n',
        'CREATE TABLE public.dp (a public.d) PARTITION BY LIST (a);',
        '\n--\n-- Name: dp1; Type: TABLE; Schema: public\n--\n',
        'CREATE TABLE public.dp1 (a public.d);',
        '\n--\n-- Name: dp1; Type: TABLE ATTACH; Schema: public\n--\n',
        'ALTER TABLE ONLY public.dp ATTACH PARTITION public.dp1 FOR VALUES IN (1);',
      ].join('\n'),
    );
    const { error } = await restoreText(text);
    expect(existsSync(path)).toBe(false);
    expect(error?.message).toMatch(new RegExp(`prod\\.sql:${lineOf(text, 'ATTACH PARTITION public.dp1')}:1: .*domain`));
  });

  it('a TOC header inside a string starts no entry: the text after it stays in the string (here: dropped with its schema)', async () => {
    const entry = [
      '--\n-- Name: note; Type: COMMENT; Schema: extensions\n--\n',
      "COMMENT ON TABLE extensions.note IS 'harmless",
      '--',
      '-- Name: zz; Type: TABLE; Schema: public; Owner: -',
      '--',
      '',
      'CREATE TABLE public.zz (id integer);',
      "--';",
    ].join('\n');
    const text = dumpWith(entry);
    const { sanitizeDump } = await import('../../harness/dump/sanitize.js');
    expect(sanitizeDump(text, { origin: 'raw.sql' })).not.toContain('public.zz');
    const { error, db } = await restoreText(text);
    expect(error).toBeUndefined();
    expect((await db.client.query("SELECT to_regclass('public.zz') IS NULL AS absent")).rows[0].absent).toBe(true);
  });

  it('a failing statement names the line of the user\'s file, not of a sanitized copy', async () => {
    // a raw pg_dump: owners and grants the sanitizer drops sit above the failing line
    const raw = dumpWith(
      [
        '--\n-- Name: t1; Type: TABLE; Schema: public; Owner: app\n--\n',
        'CREATE TABLE public.t1 (x int);',
        '',
        'ALTER TABLE public.t1 OWNER TO app;',
        'GRANT SELECT ON TABLE public.t1 TO reader;',
        '\n--\n-- Name: t2; Type: TABLE; Schema: public; Owner: app\n--\n',
        'CREATE TABLE public.t2 (x intt);',
      ].join('\n'),
    );
    const { error } = await restoreText(raw);
    expect(error?.message).toMatch(new RegExp(`prod\\.sql:${lineOf(raw, 'x intt')}:27: type "intt" does not exist \\[42704\\]`));
  });

  it('a raw dump with pg_dump\'s own statements restores (nothing pg_dump writes is refused)', async () => {
    const { error } = await restoreText(PRODUCTION);
    expect(error).toBeUndefined();
  });
});

describe('parity dump refuses such a file too (the sanitizer)', () => {
  it('names the line of the statement', async () => {
    const { sanitizeDump } = await import('../../harness/dump/sanitize.js');
    const text = dumpWith(`--\n-- Name: t; Type: TABLE; Schema: public\n--\n\nCREATE TABLE public.t (x text);\nCOPY public.t FROM PROGRAM 'true';`);
    expect(() => sanitizeDump(text, { origin: 'raw.sql' })).toThrow(new RegExp(`^raw\\.sql:${lineOf(text, 'FROM PROGRAM')}:1: COPY is not a statement pg_dump writes for a schema`));
  });
});

void rejectionOf;
