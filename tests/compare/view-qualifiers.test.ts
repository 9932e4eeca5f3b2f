import { describe, expect, it } from 'vitest';
import { sameViewQueryBefore16 } from '../../harness/compare/normalize.js';

// Texts as pg_get_viewdef wrote them on 15 and on 16 (the majors test builds them on real servers:
// tests/majors/cross-major.test.ts); here, what the rule must refuse.
const ON_15 = ' SELECT r.id,\n    ( SELECT count(*) AS count\n           FROM t x\n          WHERE (x.id = r.id)) AS c\n   FROM t r;';
const ON_16 = ' SELECT id,\n    ( SELECT count(*) AS count\n           FROM t x\n          WHERE (x.id = r.id)) AS c\n   FROM t r;';

describe('a view query read before 16 and from 16 on: only the outer query\'s qualifier may differ', () => {
  it('the same view on 15 and 16 (the outer query qualified before 16, the sub-select alike)', () => {
    expect(sameViewQueryBefore16(ON_15, ON_16)).toBe(true);
    expect(sameViewQueryBefore16(ON_16, ON_16)).toBe(true);
  });

  it('a qualifier missing inside a sub-select is a change (there a bare name is the sub-select\'s column)', () => {
    expect(sameViewQueryBefore16(ON_15, ON_16.replace('WHERE (x.id = r.id)', 'WHERE (x.id = id)'))).toBe(false);
  });

  it('two different qualifiers dropped is a change (16 writes bare names only for one relation)', () => {
    expect(sameViewQueryBefore16(' SELECT a.x,\n    b.y\n   FROM t a, u b;', ' SELECT x,\n    y\n   FROM t a, u b;')).toBe(false);
  });

  it('a qualifier that 16 keeps (a function\'s schema, a type) is not dropped, and another column is a change', () => {
    expect(sameViewQueryBefore16(' SELECT s.f(r.x) AS y\n   FROM t r;', ' SELECT s.f(x) AS y\n   FROM t r;')).toBe(true);
    expect(sameViewQueryBefore16(' SELECT s.f(r.x) AS y\n   FROM t r;', ' SELECT f(x) AS y\n   FROM t r;')).toBe(false);
    expect(sameViewQueryBefore16(' SELECT s.f() AS y\n   FROM t r;', ' SELECT f() AS y\n   FROM t r;')).toBe(false);
    expect(sameViewQueryBefore16(" SELECT 'a'::s.t AS y\n   FROM t r;", " SELECT 'a'::t AS y\n   FROM t r;")).toBe(false);
    expect(sameViewQueryBefore16(ON_15, ON_16.replace('SELECT id,', 'SELECT name,'))).toBe(false);
  });

  it('a column named like its relation ("requests.requests" before 16)', () => {
    expect(sameViewQueryBefore16(' SELECT requests.requests\n   FROM requests;', ' SELECT requests\n   FROM requests;')).toBe(true);
  });
});
