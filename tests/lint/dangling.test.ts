import { describe, expect, it } from 'vitest';
import { danglingReferences } from '../../harness/lint/dangling.js';
import { snapshotOf } from '../support/catalog.js';

describe('lint: dangling references read bodies with the SQL lexer', () => {
  it('an apostrophe in a comment does not hide a relation; names in comments are not references', async () => {
    const snapshot = await snapshotOf(`
      CREATE TABLE gone_table (kind text); CREATE TABLE kept (x int); CREATE SEQUENCE kept_seq;
      CREATE FUNCTION counts() RETURNS bigint LANGUAGE sql AS $$
        -- don't count archived rows
        SELECT count(*) FROM public.gone_table WHERE kind <> 'archived'
      $$;
      CREATE FUNCTION remembers() RETURNS bigint LANGUAGE sql AS $$
        -- this used to select from legacy_orders
        /* and before that: SELECT * FROM older_orders */
        SELECT count(*) FROM kept
      $$;
      CREATE FUNCTION renumbers() RETURNS bigint LANGUAGE plpgsql AS $$
      BEGIN
        -- was: RETURN nextval('old_seq');
        /* or 'old_table'::regclass */
        RETURN nextval('kept_seq');
      END $$;
      DROP TABLE gone_table CASCADE;
    `);
    expect(danglingReferences(snapshot)).toEqual([{ in: 'public.counts()', missing: 'public.gone_table', use: 'relation' }]);
  });

  it('a name in a string is not a relation of a SQL body; E-strings and dollar quotes are strings', async () => {
    const snapshot = await snapshotOf(`
      CREATE TABLE kept (x int);
      CREATE FUNCTION says() RETURNS text LANGUAGE sql AS $f$
        SELECT E'it\\'s from nowhere' || $q$ join elsewhere $q$ FROM kept
      $f$;
    `);
    expect(danglingReferences(snapshot)).toEqual([]);
  });
});
