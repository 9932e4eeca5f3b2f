import { describe, expect, it } from 'vitest';
import { expressionRefusal, typeNameRefusal } from '../../harness/evaluate/expression-text.js';
import { significantTokens, tokenize } from '../../harness/sql/lexer.js';

/**
 * The check reads a default the way the server will: through the project's one lexer
 * (harness/sql/lexer.ts). A second reader that decides on its own where a string starts can be
 * told `größe'\'…` is one E'' string while the server reads the name `größe`, the string `'\'`,
 * and then whatever follows — a subquery, a comment hiding the rest.
 */
describe('the one-expression check reads what the server reads', () => {
  const attacks = [
    // the probe's find: a domain named größe makes `public.größe '\'` a typed constant
    "public.größe'\\' || (SELECT (1/(SELECT 0))::text) --'\n",
    "größe'\\' || (SELECT 1) --'\n",
    "public.größe'\\' || (VALUES ('x')) --'\n",
    "x.ñE'\\' || (SELECT 1) --'\n",
    "größe'\\'; DROP TABLE t; --'\n",
    "größe'\\')) /*'",
  ];

  it.each(attacks)('refuses %j', (text) => {
    expect(expressionRefusal(text)).toBeDefined();
  });

  it('refuses it for what the lexer finds in it: the subquery, not a string', () => {
    expect(expressionRefusal("public.größe'\\' || (SELECT (1/(SELECT 0))::text) --'\n")).toBe('"SELECT" (a subquery or statement)');
    expect(expressionRefusal("größe'\\'; DROP TABLE t; --'\n")).toBe('a ";" (a second statement)');
  });

  it('whatever it accepts, the lexer finds no comment, no dollar quote, no ";" and no subquery word in', () => {
    const texts = [
      ...attacks,
      "E'a\\'' || 'b'",
      "e'\\\\' || 'b'",
      "1e'\\' || (SELECT 1) --'",
      "größe'x'",
      "'größe'::text",
      "U&'d\\0061t\\+000061' || 'x'",
      "'a'::public.\"größe\"",
      "x$y'\\' || (SELECT 1) --'",
      "ARRAY['a'::text, 'b''c'::text]",
    ];
    for (const text of texts) {
      if (expressionRefusal(text) !== undefined) continue;
      const tokens = tokenize(text);
      expect(tokens.filter((t) => t.kind === 'comment' || t.kind === 'dollar' || t.kind === 'parameter'), text).toEqual([]);
      const words = significantTokens(text).filter((t) => t.kind === 'word' || t.kind === 'symbol').map((t) => text.slice(t.start, t.end).toLowerCase());
      expect(words.filter((w) => [';', 'select', 'values', 'table', '\\', '$'].includes(w)), text).toEqual([]);
    }
  });

  it('a type name is read by the same lexer', () => {
    expect(typeNameRefusal('public.größe')).toBeUndefined();
    expect(typeNameRefusal("public.größe'x'")).toBe(`a "'"`);
    expect(typeNameRefusal('größe -- x')).toBe('a comment');
  });
});
