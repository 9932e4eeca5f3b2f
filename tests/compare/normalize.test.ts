import { describe, expect, it } from 'vitest';
import { sameStandardBodyBesideCastAliases, withoutWhitespaceAndComments } from '../../harness/compare/normalize.js';

// "differs only in whitespace and comments" (a cosmetic difference) is decided on this: a change
// inside a string must never look like one in a comment or in whitespace
describe('withoutWhitespaceAndComments', () => {
  const same = (a: string, b: string) => withoutWhitespaceAndComments(a) === withoutWhitespaceAndComments(b);

  it('drops comments and collapses whitespace outside strings, quoted names and dollar quotes', () => {
    expect(withoutWhitespaceAndComments("SELECT  1 -- one\n /* a /* nested */ note */ + \"a  b\" || 'c  -- d' || $$ e  -- f $$")).toBe(
      "SELECT 1 + \"a  b\" || 'c  -- d' || $$ e  -- f $$",
    );
  });

  it("an escape string (E'…') ends at its closing quote, not at a backslash-escaped one", () => {
    expect(same("SELECT E'it\\'s -- ' || 'allowed'", "SELECT E'it\\'s -- ' || 'denied'")).toBe(false);
    expect(same("SELECT E'a\\'  b'", "SELECT E'a\\' b'")).toBe(false);
    expect(same("SELECT e'it\\'s' -- one", "SELECT e'it\\'s' -- two")).toBe(true);
    // an escaped backslash ends the escapes: the quote after it closes the string
    expect(same("SELECT E'a\\\\' -- one", "SELECT E'a\\\\' -- two")).toBe(true);
    expect(same("SELECT E'a\\\\' || 'x  y'", "SELECT E'a\\\\' || 'x y'")).toBe(false);
    // a name ending in e before a string: an ordinary string, where a backslash escapes nothing
    expect(same("SELECT some_e'a\\' -- one", "SELECT some_e'a\\' -- two")).toBe(true);
  });

  it('a dollar quote whose tag has digits is a string too', () => {
    expect(same('SELECT $b1$ -- allowed $b1$', 'SELECT $b1$ -- denied $b1$')).toBe(false);
    expect(same('SELECT $b1$x$b1$ -- one', 'SELECT $b1$x$b1$ -- two')).toBe(true);
    // a parameter is not a dollar quote
    expect(same('SELECT $1 -- one\n+ $2', 'SELECT $1 -- two\n+ $2')).toBe(true);
  });
});

describe('function bodies: only SQL is read as SQL', () => {
  it('a body in another language (Python, Perl, JavaScript) differing only in what SQL would call whitespace or a comment is drift, not cosmetic', async () => {
    const { snapshotOf } = await import('../support/catalog.js');
    const { compare } = await import('../../harness/compare/compare.js');
    const base = await snapshotOf('CREATE FUNCTION f(x int) RETURNS int LANGUAGE plpgsql AS $$BEGIN RETURN x; END$$');
    const withBody = (language: string, body: string[]) => ({ ...base, functions: base.functions.map((f) => ({ ...f, language, body })) });
    const verdict = (language: string, a: string[], b: string[]) => compare(withBody(language, a), withBody(language, b)).differences.map((d) => `${d.property} ${d.severity}`);
    // Python: indentation is the program
    expect(verdict('plpython3u', ['if x > 0:', '    x = 1', '    return x'], ['if x > 0:', '    x = 1', 'return x'])).toEqual(['body drift']);
    // Perl and JavaScript: -- is the decrement operator
    expect(verdict('plperl', ['my $n = shift; $n--; return $n;'], ['my $n = shift; $n; return $n;'])).toEqual(['body drift']);
    expect(verdict('plv8', ['let n = x; n--; return n;'], ['let n = x; n; return n;'])).toEqual(['body drift']);
    // SQL and PL/pgSQL: whitespace and comments, as documented
    expect(verdict('plpgsql', ['BEGIN', '  RETURN x; -- as is', 'END'], ['BEGIN RETURN x; END'])).toEqual(['body cosmetic']);
    expect(verdict('sql', ['SELECT x', '  -- as is'], ['SELECT x'])).toEqual(['body cosmetic']);
  });
});

// A SQL-standard body restored from pg_dump names a cast's column where the original had no name:
// `SELECT 'x'` is deparsed `SELECT 'x'::text`, parsed again into a column "text", and written
// `SELECT 'x'::text AS text`. Only that alias, on one side, is passed over.
describe('sameStandardBodyBesideCastAliases', () => {
  const same = sameStandardBodyBesideCastAliases;
  const body = (select: string) => `BEGIN ATOMIC\n ${select};\nEND`;

  it("passes over the alias the parser gives a cast's column, on either side, several times", () => {
    expect(same(body("SELECT 'x'::text"), body("SELECT 'x'::text AS text"))).toBe(true);
    expect(same(body("SELECT 'x'::text AS text"), body("SELECT 'x'::text"))).toBe(true);
    expect(same(body("SELECT 'a'::text, 'b'::public.mood"), body("SELECT 'a'::text AS text, 'b'::public.mood AS mood"))).toBe(true);
    expect(same("RETURN (SELECT 'x'::text)", "RETURN (SELECT 'x'::text AS text)")).toBe(true);
    expect(same(body('SELECT (1)::bigint'), body('SELECT (1)::bigint AS int8'))).toBe(true);
    expect(same(body("SELECT 'x'::character varying(10)"), body('SELECT \'x\'::character varying(10) AS "varchar"'))).toBe(true);
    expect(same(body("SELECT 'x'::timestamp(3) with time zone"), body("SELECT 'x'::timestamp(3) with time zone AS timestamptz"))).toBe(true);
    expect(same(body("SELECT '{}'::text[]"), body("SELECT '{}'::text[] AS text"))).toBe(true);
    expect(same(body('SELECT \'x\'::"Mood"'), body('SELECT \'x\'::"Mood" AS "Mood"'))).toBe(true);
  });

  it('and nothing else: another alias, an alias not after a cast, a changed alias, another token, or no difference at all', () => {
    expect(same(body("SELECT 'x'::text"), body("SELECT 'x'::text AS foo"))).toBe(false);
    expect(same(body("SELECT 'x'::text AS text"), body("SELECT 'x'::text AS foo"))).toBe(false);
    expect(same(body('SELECT (1)::bigint'), body('SELECT (1)::bigint AS bigint'))).toBe(false);
    expect(same(body('SELECT a FROM t'), body('SELECT a AS a FROM t'))).toBe(false);
    expect(same(body("SELECT 'x'::text"), body("SELECT 'y'::text AS text"))).toBe(false);
    expect(same(body("SELECT 'x'::text"), body("SELECT 'x'::text"))).toBe(false);
    // source text of a function written with AS $$…$$ is the user's, not the server's
    expect(same("SELECT 'x'::text", "SELECT 'x'::text AS text")).toBe(false);
  });
});
