import { describe, expect, it } from 'vitest';
import { expressionRefusal, typeNameRefusal } from '../../harness/evaluate/expression-text.js';

describe('a default from a snapshot is evaluated only when it is one expression', () => {
  it.each([
    ['now()'],
    ["'0'::numeric"],
    ["('now'::text)::date"],
    ["nextval('public.\"odd;name\"'::regclass)"],
    ["'it''s; -- not a comment'::text"],
    ["E'a\\\\'' ; b'::text"],
    ["'2020-01-01'::timestamp with time zone"],
    ["EXTRACT(year FROM CURRENT_DATE)"],
    ["ARRAY['a'::text, 'b'::text]"],
    ["(CURRENT_TIMESTAMP AT TIME ZONE 'UTC'::text)"],
  ])('accepts %s', (text) => {
    expect(expressionRefusal(text)).toBeUndefined();
  });

  it.each([
    ['0)); COMMIT; CREATE TABLE x (); SELECT ((0', 'a ")" that closes what it did not open'],
    ['0; DROP TABLE x', 'a ";" (a second statement)'],
    ['0 -- x', 'a comment'],
    ['0 /* x */', 'a comment'],
    ['$$x$$::text', 'a "$" (dollar quoting or a parameter)'],
    ['(SELECT 1)', '"SELECT" (a subquery or statement)'],
    ['(VALUES (1))', '"VALUES" (a subquery or statement)'],
    ["'unterminated", 'an unterminated string'],
    ['"unterminated', 'an unterminated quoted identifier'],
    ['(1', 'an unclosed "("'],
  ])('refuses %s: %s', (text, reason) => {
    expect(expressionRefusal(text)).toBe(reason);
  });

  it('type names as format_type writes them, and nothing else', () => {
    for (const ok of ['integer', 'public.amount', '"my schema"."odd""type"', 'numeric(12,2)', 'character varying(20)[]', 'timestamp(3) with time zone', 'double precision']) {
      expect(typeNameRefusal(ok), ok).toBeUndefined();
    }
    expect(typeNameRefusal('integer; COMMIT')).toBe('a ";" (a second statement)');
    expect(typeNameRefusal('integer) AS same, (1')).toBe('a ")" that closes what it did not open');
    expect(typeNameRefusal("text COLLATE 'x'")).toBe(`a "'"`);
    expect(typeNameRefusal('integer)')).toBe('a ")" that closes what it did not open');
    expect(typeNameRefusal('')).toBe('an empty type name');
  });
});
