import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dumpMajor } from '../../harness/cli/session.js';
import { dumpStatements, sanitizeDump } from '../../harness/dump/sanitize.js';
import { segmentStatements, splitDump } from '../../harness/dump/segments.js';
import { splitStatements } from '../../harness/sql/statements.js';
import { lineAndColumnAt } from '../../harness/sql/position.js';
import { folderWith } from '../support/folders.js';

/**
 * What pg_dump writes as structure (TOC headers, the version line, the completion marker) counts
 * only where pg_dump writes it: at the top level, outside any statement, string, dollar quote or
 * block comment. The same lines anywhere else are text, as psql and the server read them.
 */

const HEAD = '--\n-- PostgreSQL database dump\n--\n\n\\restrict abc\n\n-- Dumped from database version 15.4\n-- Dumped by pg_dump version 15.4\n\nSET statement_timeout = 0;\n\n';
const END = '--\n-- PostgreSQL database dump complete\n--\n\n\\unrestrict abc\n\n';
const entry = (header: string, sql: string) => `--\n-- ${header}\n--\n\n${sql}\n\n\n`;
const dump = (...entries: string[]) => `${HEAD}${entries.join('')}${END}`;
const texts = (text: string) => dumpStatements(text, { origin: 'd.sql' }).statements.map((s) => s.text);

describe('TOC headers are read only at the top level', () => {
  it('a header inside a block comment is comment text: the table under it is kept, not taken for an auth entry', () => {
    const text = dump(
      entry('Name: x; Type: SCHEMA; Schema: -; Owner: -', 'CREATE SCHEMA x;'),
      '/*\n--\n-- Name: old; Type: TABLE; Schema: auth; Owner: -\n--\n*/\nCREATE TABLE public.t (a int);\n\n',
    );
    expect(splitDump(text).segments.map((s) => [s.type, s.schema, s.name])).toEqual([['SCHEMA', null, 'x']]);
    expect(texts(text)).toEqual(['CREATE SCHEMA x;', 'CREATE TABLE public.t (a int);']);
    expect(sanitizeDump(text)).toContain('CREATE TABLE public.t (a int);');
  });

  it('a header inside a nested block comment, a string or a dollar-quoted body is that text too', () => {
    const header = '\n--\n-- Name: old; Type: TABLE; Schema: auth; Owner: -\n--\n';
    const text = dump(
      entry('Name: f(); Type: FUNCTION; Schema: public; Owner: -', `/* outer /* inner */${header}*/\nCREATE FUNCTION public.f() RETURNS text LANGUAGE sql AS $b$SELECT '${header}'$b$;`),
      entry('Name: g(); Type: FUNCTION; Schema: public; Owner: -', `CREATE FUNCTION public.g() RETURNS text LANGUAGE sql AS 'SELECT 1${header}';`),
    );
    expect(splitDump(text).segments.map((s) => s.name)).toEqual(['f()', 'g()']);
    expect(texts(text)).toHaveLength(2);
  });

  it('a header-like text of a type pg-dump-parser does not know, in a function body, is read as the body (no throw)', () => {
    const text = dump(entry('Name: f(); Type: FUNCTION; Schema: public; Owner: -', "CREATE FUNCTION public.f() RETURNS text LANGUAGE sql AS $$SELECT '\n--\n-- Name: t p; Type: POLICY; Schema: public; Owner: -\n--\n'$$;"));
    expect(splitDump(text).segments.map((s) => [s.type, s.schema, s.name])).toEqual([['FUNCTION', 'public', 'f()']]);
    expect(texts(text)).toEqual([expect.stringContaining('Type: POLICY')]);
  });

  it("an entry's statements, read when the dump is split, are those splitting its SQL finds", () => {
    const text = dump(
      entry('Name: t; Type: TABLE; Schema: public; Owner: -', "CREATE TABLE public.t (a text DEFAULT ';');  -- trailing;   \n/* c; */ ALTER TABLE public.t OWNER TO x;"),
      entry('Name: f(); Type: FUNCTION; Schema: public; Owner: -', 'CREATE FUNCTION public.f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;\n\\unrestrict abc   '),
      entry('Name: u; Type: TABLE; Schema: public; Owner: -', '\u00a0CREATE TABLE public.u (a int);'),
      entry('Name: v; Type: VIEW; Schema: public; Owner: -', 'CREATE VIEW public.v AS SELECT 1\n;\n\n\nCOMMENT ON VIEW public.v IS $$a;\n\n\nb$$;\f'),
      entry('Name: e; Type: TABLE; Schema: public; Owner: -', ''),
    );
    const { segments } = splitDump(text);
    expect(segments).toHaveLength(5);
    for (const segment of segments) expect([segment.name, segmentStatements(segment)]).toEqual([segment.name, splitStatements(segment.sql)]);
  });

  it('lines and columns of entries and statements are those of the file', () => {
    const entries = Array.from({ length: 40 }, (_, i) =>
      entry(`Name: t${i}; Type: TABLE; Schema: public; Owner: -`, `CREATE TABLE public.t${i} (a text DEFAULT '𝄞é${i}');  COMMENT ON TABLE public.t${i} IS '𝄞\n${i}';\nALTER TABLE public.t${i} OWNER TO x;`),
    );
    const text = dump(...entries);
    const { dump: split, statements } = dumpStatements(text, { origin: 'd.sql', keepPrivileges: true });
    expect(statements).toHaveLength(120);
    for (const segment of split.segments) {
      expect(segment.line).toBe(lineAndColumnAt(text, text.indexOf(`--\n-- Name: ${segment.name};`)).line);
      expect(segment.sqlLine).toBe(lineAndColumnAt(text, text.indexOf(`CREATE TABLE public.${segment.name} `)).line);
    }
    let from = 0;
    for (const statement of statements) {
      const at = text.indexOf(statement.text, from);
      from = at + statement.text.length;
      expect({ line: statement.line, column: statement.column }).toEqual(lineAndColumnAt(text, at));
    }
  });
});

describe('the completion marker is the real trailing one', () => {
  const truncated = (text: string) => text.slice(0, text.indexOf(END));

  it('a marker inside a function body string does not make a truncated dump complete', () => {
    const text = truncated(
      dump(entry('Name: f(); Type: FUNCTION; Schema: public; Owner: -', "CREATE FUNCTION public.f() RETURNS text LANGUAGE sql AS 'SELECT 1\n--\n-- PostgreSQL database dump complete\n--\n';")),
    );
    expect(splitDump(text).complete).toBe(false);
    expect(() => sanitizeDump(text, { origin: 'd.sql' })).toThrow(/d\.sql is truncated/);
    expect(() => dumpStatements(text, { origin: 'd.sql' })).toThrow(/d\.sql is truncated/);
  });

  it('nor one inside a block comment, nor one followed by more statements', () => {
    const inComment = truncated(dump(entry('Name: t; Type: TABLE; Schema: public; Owner: -', '/*\n--\n-- PostgreSQL database dump complete\n--\n*/\nCREATE TABLE public.t (a int);')));
    expect(splitDump(inComment).complete).toBe(false);
    const followed = `${dump(entry('Name: t; Type: TABLE; Schema: public; Owner: -', 'CREATE TABLE public.t (a int);'))}${entry('Name: u; Type: TABLE; Schema: public; Owner: -', 'CREATE TABLE public.u (a int);')}`;
    expect(splitDump(followed).complete).toBe(false);
  });

  it('the real marker, with \\unrestrict after it, is complete', () => {
    const text = dump(entry('Name: t; Type: TABLE; Schema: public; Owner: -', 'CREATE TABLE public.t (a int);'));
    expect(splitDump(text).complete).toBe(true);
    expect(splitDump(sanitizeDump(text)).complete).toBe(true);
  });
});

describe('the source version is read from pg_dump header comment only', () => {
  const body = (version: string) =>
    entry('Name: f(); Type: FUNCTION; Schema: public; Owner: -', `CREATE FUNCTION public.f() RETURNS text LANGUAGE sql AS $$SELECT '\n-- Dumped from database version ${version}\n'$$;`);
  const withoutVersion = (text: string) => text.replace(/-- Dumped from database version [^\n]*\n/, '');

  it('not from a function body, a string, a block comment or a later comment', () => {
    expect(splitDump(withoutVersion(dump(body('99'))).replace(/^\\restrict abc$/m, "/*\n-- Dumped from database version 98\n*/")).sourceMajor).toBeUndefined();
    expect(splitDump(withoutVersion(dump(entry('Name: t; Type: TABLE; Schema: public; Owner: -', '-- Dumped from database version 97\nCREATE TABLE public.t (a int);')))).sourceMajor).toBeUndefined();
    expect(splitDump(dump(body('99'))).sourceMajor).toBe(15);
    expect(splitDump(sanitizeDump(dump(body('99')))).sourceMajor).toBe(15);
  });

  it('a session follows the header comment of a dump: source, not a string in it', () => {
    const dir = folderWith({});
    writeFileSync(join(dir, 'fake.sql'), `--\n-- PostgreSQL database dump\n--\n\nSELECT '\n-- Dumped from database version 99\n';\n`);
    writeFileSync(join(dir, 'real.sql'), dump(body('99')));
    writeFileSync(join(dir, 'commented.sql'), `/*\n-- Dumped from database version 98\n*/\n${withoutVersion(dump())}`);
    const major = (file: string) => dumpMajor([`dump:${file}`], { root: dir, sources: {} })?.major;
    expect(major('fake.sql')).toBeUndefined();
    expect(major('commented.sql')).toBeUndefined();
    expect(major('real.sql')).toBe(15);
  });
});

describe('an extension is dropped by the schema its CREATE EXTENSION names', () => {
  const citext = (sql: string) =>
    dump(entry('Name: citext; Type: EXTENSION; Schema: -; Owner: -', sql), entry('Name: EXTENSION citext; Type: COMMENT; Schema: -; Owner: ', "COMMENT ON EXTENSION citext IS 'text';"));

  it('a comment that says WITH SCHEMA extensions does not drop an app extension', () => {
    for (const text of [
      citext('/* was: WITH SCHEMA extensions */\nCREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;'),
      citext('CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public; -- not WITH SCHEMA auth'),
    ]) {
      expect(texts(text)).toEqual([expect.stringMatching(/^CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;/), "COMMENT ON EXTENSION citext IS 'text';"]);
      expect(sanitizeDump(text)).toContain('CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;');
    }
  });

  it('one in a provider schema is dropped with its comment, quoted or not', () => {
    for (const schema of ['extensions', '"extensions"', 'Extensions']) {
      expect(texts(citext(`CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA ${schema};`))).toEqual([]);
    }
    expect(texts(citext('CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA "Extensions";'))).toHaveLength(2);
  });
});
