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

  it('only for an outer query of one relation, and only its qualifier: a FULL JOIN\'s bare name is the merged column, not the table\'s', () => {
    const join = (column: string) => ` SELECT ${column}\n   FROM (t\n     FULL JOIN u USING (a));`;
    expect(sameViewQueryBefore16(join('t.a'), join('a'))).toBe(false);
    expect(sameViewQueryBefore16(' SELECT t.a\n   FROM t, u;', ' SELECT a\n   FROM t, u;')).toBe(false);
    expect(sameViewQueryBefore16(' SELECT x.id\n   FROM t r;', ' SELECT id\n   FROM t r;')).toBe(false);
    expect(sameViewQueryBefore16(' SELECT t.id\n   FROM t\nUNION\n SELECT u.id\n   FROM u;', ' SELECT id\n   FROM t\nUNION\n SELECT id\n   FROM u;')).toBe(false);
    expect(sameViewQueryBefore16(' SELECT r.id\n   FROM ONLY s.t r\n  WHERE (r.id > 0);', ' SELECT id\n   FROM ONLY s.t r\n  WHERE (id > 0);')).toBe(true);
    expect(sameViewQueryBefore16(' SELECT t.id\n   FROM s.t;', ' SELECT id\n   FROM s.t;')).toBe(true);
  });
});

describe('a one-relation view read before 16: its qualifier taken off names only', () => {
  it("a string that says '<relation>.' is the view's, kept as it is (it was cut out on 14–15)", async () => {
    const { snapshotOf, viewIn } = await import('../support/catalog.js');
    const { compare } = await import('../../harness/compare/compare.js');
    const [a, b] = [await snapshotOf("CREATE TABLE t (a int, s text); CREATE VIEW v AS SELECT a, 'see t.a' AS note FROM t WHERE s <> 'x t.y'"), await snapshotOf("CREATE TABLE t (a int, s text); CREATE VIEW v AS SELECT a, 'see a' AS note FROM t WHERE s <> 'x y'")];
    expect(viewIn(a, 'v').definition.join('\n')).toContain("'see t.a'::text AS note");
    expect(viewIn(a, 'v').definition.join('\n')).toContain("'x t.y'::text");
    expect(compare(a, b).differences.map((d) => `${d.kind} ${d.object} ${d.path} ${d.property}`)).toEqual(['changed view public.v definition']);
    // and the names are bare on every major, as 16 writes them
    expect(viewIn(a, 'v').definition.join('\n')).toMatch(/^ SELECT a,/);
  });
});
