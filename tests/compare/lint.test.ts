import { describe, expect, it } from 'vitest';
import { danglingReferences, parseQualifiedName } from '../../harness/lint/dangling.js';
import { snapshotOf } from '../support/catalog.js';

describe('lint: dangling references', () => {
  it('finds sequences and relations that were dropped after a function or default named them', async () => {
    const snapshot = await snapshotOf(`
      CREATE SEQUENCE gone_seq; CREATE SEQUENCE kept_seq; CREATE TABLE gone (x int); CREATE TABLE kept (x int);
      CREATE FUNCTION uses_gone_seq() RETURNS text LANGUAGE plpgsql AS $$ BEGIN RETURN 'M-' || nextval('gone_seq'); END $$;
      CREATE FUNCTION uses_kept_seq() RETURNS bigint LANGUAGE plpgsql AS $$ BEGIN RETURN nextval('public.kept_seq'::regclass); END $$;
      CREATE FUNCTION peeks() RETURNS bigint LANGUAGE plpgsql AS $$ BEGIN PERFORM setval('gone_seq', 1); RETURN currval('"gone_seq"'); END $$;
      CREATE FUNCTION counts_gone() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM gone';
      CREATE FUNCTION counts_kept() RETURNS bigint LANGUAGE sql AS $$ WITH k AS (SELECT * FROM kept) SELECT count(*) FROM k JOIN public.kept USING (x) WHERE 'from nowhere' <> '' $$;
      CREATE FUNCTION casts() RETURNS oid LANGUAGE plpgsql AS $$ BEGIN RETURN 'gone'::regclass; END $$;
      CREATE TABLE t (id bigint DEFAULT nextval('gone_seq'));
      DROP TABLE gone; DROP SEQUENCE gone_seq CASCADE;
    `);
    expect(danglingReferences(snapshot)).toEqual([
      { in: 'public.casts()', missing: 'gone', use: 'regclass' },
      { in: 'public.counts_gone()', missing: 'gone', use: 'relation' },
      { in: 'public.peeks()', missing: 'gone_seq', use: 'setval' },
      { in: 'public.peeks()', missing: '"gone_seq"', use: 'currval' },
      { in: 'public.uses_gone_seq()', missing: 'gone_seq', use: 'nextval' },
    ]);
  });

  it('parses qualified and quoted names', () => {
    expect(parseQualifiedName('Foo')).toEqual(['foo']);
    expect(parseQualifiedName('"Foo"."Bar baz"')).toEqual(['Foo', 'Bar baz']);
    expect(parseQualifiedName('public.x')).toEqual(['public', 'x']);
    expect(parseQualifiedName('a.b.c')).toBeUndefined();
    expect(parseQualifiedName('x || y')).toBeUndefined();
  });
});
