import { describe, expect, it } from 'vitest';
import { isLiteral, outerCast } from '../../harness/evaluate/defaults.js';

/** How EXPLAIN VERBOSE writes an expression the planner folded (or did not). */
describe("a folded constant, read from the planner's output", () => {
  it.each([['2026'], ['1.0'], ["'-1'::integer"], ["'a'::text"], ['NULL::integer'], ['true'], ["'{a,b}'::text[]"], ["'a'::text COLLATE \"C\""], ["'2020-01-01 00:00:00+00'::timestamp with time zone"], ["'\\x00'::bytea"], ["'it''s'::text"]])('%s is a literal', (text) => {
    expect(isLiteral(text)).toBe(true);
  });

  it.each([['now()'], ['CURRENT_DATE'], ["date_part('year'::text, now())"], ['"current_schema"()'], ["('now'::cstring)::date"], ["'a'::text || now()"], ["'1'::integer + random()"], ["'a'::text::text"], ['NULL::integer[] || x'], ['']])('%s is not', (text) => {
    expect(isLiteral(text)).toBe(false);
  });

  it('a cast the planner left is split into what it casts and the type', () => {
    expect(outerCast('(0)::public.amount')).toEqual({ inner: '0', type: 'public.amount' });
    expect(outerCast("(('0'::numeric)::public.amount)::public.positive")).toEqual({ inner: "('0'::numeric)::public.amount", type: 'public.positive' });
    expect(outerCast("('now'::cstring)::date")).toEqual({ inner: "'now'::cstring", type: 'date' });
    expect(outerCast('(now())::date + 1')).toBeUndefined();
    expect(outerCast('(1) + (2)')).toBeUndefined();
    expect(outerCast('now()')).toBeUndefined();
  });
});
