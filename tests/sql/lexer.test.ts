import { describe, expect, it } from 'vitest';
import { withoutWhitespaceAndComments } from '../../harness/compare/normalize.js';
import { tokensOf } from '../../harness/dump/allow-list.js';
import { type TokenKind, tokenize } from '../../harness/sql/lexer.js';
import { splitStatements } from '../../harness/sql/statements.js';

const lexed = (sql: string, psqlVariables = false) => tokenize(sql, { psqlVariables }).map((t): [TokenKind, string] => [t.kind, sql.slice(t.start, t.end)]);

describe('the SQL lexer: tokens as the server reads them', () => {
  it('comments: -- to the end of the line, /* */ nested as the server nests them', () => {
    expect(lexed('a -- b */\n/* c /* d */ e */f')).toEqual([
      ['word', 'a'], ['space', ' '], ['comment', '-- b */'], ['space', '\n'], ['comment', '/* c /* d */ e */'], ['word', 'f'],
    ]);
  });

  it("strings: '' doubled, E'' with backslash escapes, B'', X'', N'', U&'' and U&\"\" with their prefix; a word before a quote is a word", () => {
    expect(lexed(`'it''s' E'a\\'b' e'\\\\' B'101' x'ff' N'n' U&'\\0041' U&"d\\0061t" foo'x'`).filter(([kind]) => kind !== 'space')).toEqual([
      ['string', "'it''s'"], ['string', "E'a\\'b'"], ['string', "e'\\\\'"], ['string', "B'101'"], ['string', "x'ff'"], ['string', "N'n'"],
      ['string', "U&'\\0041'"], ['quoted', 'U&"d\\0061t"'], ['word', 'foo'], ['string', "'x'"],
    ]);
  });

  it('dollar quotes: any tag an identifier could be (letters beyond ASCII too), $1 a parameter, a $ inside a word part of it', () => {
    expect(lexed('$$a$b$$ $é1$ x $é1$ $1 a$b$ $2x').filter(([kind]) => kind !== 'space')).toEqual([
      ['dollar', '$$a$b$$'], ['dollar', '$é1$ x $é1$'], ['parameter', '$1'], ['word', 'a$b$'], ['parameter', '$2'], ['word', 'x'],
    ]);
  });

  it('quoted names with "" inside; numbers in every form the server reads; :: one symbol; a character beyond the BMP one symbol', () => {
    expect(lexed('"a""b" 1.5e-3 .5 0x1F 1_000 1..2 x::int ⌘😀').filter(([kind]) => kind !== 'space')).toEqual([
      ['quoted', '"a""b"'], ['number', '1.5e-3'], ['number', '.5'], ['number', '0x1F'], ['number', '1_000'], ['number', '1'], ['symbol', '.'], ['number', '.2'],
      ['word', 'x'], ['symbol', '::'], ['word', 'int'], ['word', '⌘😀'],
    ]);
  });

  it("blanks are the server's: a no-break space is part of a name, as the server reads it", () => {
    expect(lexed('a\u00a0b\t\f\vc')).toEqual([['word', 'a\u00a0b'], ['space', '\t\f\v'], ['word', 'c']]);
  });

  it("psql variables :'x' and :\"x\" only when asked, never in a string, a comment, a cast or after a word", () => {
    const sql = `SELECT :'v', :"w", ':''x''', a::"t", b:'c' -- :'y'`;
    expect(lexed(sql, true).filter(([kind]) => kind === 'psql-variable')).toEqual([['psql-variable', ":'v'"], ['psql-variable', ':"w"']]);
    expect(lexed(sql).filter(([kind]) => kind === 'psql-variable')).toEqual([]);
  });

  it('an unclosed string, name, dollar quote or comment runs to the end of the text', () => {
    for (const [kind, sql] of [['string', "'abc"], ['quoted', '"abc'], ['dollar', '$q$abc'], ['comment', '/* /* */ abc'], ['string', "E'\\"]] as const) {
      expect(lexed(sql)).toEqual([[kind, sql]]);
    }
  });

  it('every reader agrees: what the statement splitter, the dump allow-list and the whitespace comparison take for a comment, the others do too', () => {
    // the allow-list read comments without nesting: the tail of this one looked like `OWNER TO postgres`
    const statement = 'ALTER TABLE t ADD CONSTRAINT c EXCLUDE ((id + f(1)) WITH =) /* /* */ OWNER TO postgres -- */;';
    expect(splitStatements(statement).map((s) => s.text)).toEqual([statement]);
    expect(tokensOf(statement).slice(-4)).toEqual(['WITH', '=', ')', ';']);
    expect(withoutWhitespaceAndComments(statement)).toBe('ALTER TABLE t ADD CONSTRAINT c EXCLUDE ((id + f(1)) WITH =) ;');
    // a name beyond ASCII is one word to each of them (it was split into characters by the allow-list)
    expect(tokensOf('CREATE TABLE public.größe (ä int);')).toEqual(['CREATE', 'TABLE', 'PUBLIC', '.', 'GRößE', '(', 'ä', 'INT', ')', ';']);
  });
});
