import { describe, expect, it } from 'vitest';
import { snapshotOf, tableIn, viewIn } from '../support/catalog.js';
import { testServer } from '../support/scratch.js';

describe('catalog: publications, types, collations, rules, event triggers, statistics, replica identity', () => {
  // column lists, row filters and TABLES IN SCHEMA are PostgreSQL 15+
  it.skipIf(testServer().major < 15)('describes publications: all tables, schemas, tables with column lists and row filters, operations, via root', async () => {
    const snapshot = await snapshotOf(`
      CREATE SCHEMA sales;
      CREATE TABLE public.b (id int PRIMARY KEY, secret text, kind text);
      CREATE TABLE public."A.b" (id int PRIMARY KEY);
      CREATE PUBLICATION everything FOR ALL TABLES WITH (publish = 'insert, truncate', publish_via_partition_root = true);
      CREATE PUBLICATION parts FOR TABLE public.b (kind, id) WHERE (kind <> 'x'), public."A.b";
      CREATE PUBLICATION by_schema FOR TABLES IN SCHEMA sales;
      COMMENT ON PUBLICATION parts IS 'to the warehouse';
    `);
    expect(snapshot.publications).toEqual([
      { name: 'by_schema', allTables: false, operations: ['insert', 'update', 'delete', 'truncate'], viaPartitionRoot: false, generatedColumns: null, schemas: ['sales'], tables: [], comment: null },
      { name: 'everything', allTables: true, operations: ['insert', 'truncate'], viaPartitionRoot: true, generatedColumns: null, schemas: [], tables: [], comment: null },
      {
        name: 'parts',
        allTables: false,
        operations: ['insert', 'update', 'delete', 'truncate'],
        viaPartitionRoot: false,
        generatedColumns: null,
        schemas: [],
        // in byte order of schema and name; columns in table order whatever order they were listed in
        tables: [
          { table: 'public."A.b"', columns: null, rowFilter: null },
          { table: 'public.b', columns: ['id', 'kind'], rowFilter: "(kind <> 'x'::text)" },
        ],
        comment: 'to the warehouse',
      },
    ]);
  });

  it('describes composite types (attributes in order, collations) and range types (subtype, opclass, functions, multirange)', async () => {
    const snapshot = await snapshotOf(`
      CREATE TYPE money_amount AS (amount numeric(12,2), currency text COLLATE "C", gone int);
      ALTER TYPE money_amount DROP ATTRIBUTE gone;
      CREATE TABLE t (m money_amount);
      CREATE TYPE float_range AS RANGE (subtype = float8, subtype_diff = float8mi);
      CREATE TYPE text_range AS RANGE (subtype = text, collation = "C", multirange_type_name = text_ranges);
    `);
    expect(snapshot.compositeTypes).toEqual([
      {
        schema: 'public',
        name: 'money_amount',
        attributes: [
          { name: 'amount', type: 'numeric(12,2)', collation: null },
          { name: 'currency', type: 'text', collation: 'pg_catalog."C"' },
        ],
        comment: null,
      },
    ]);
    expect(snapshot.rangeTypes).toEqual([
      { schema: 'public', name: 'float_range', subtype: 'double precision', subtypeOpclass: 'pg_catalog.float8_ops', collation: null, canonical: null, subtypeDiff: 'float8mi', multirange: 'public.float_multirange', comment: null },
      { schema: 'public', name: 'text_range', subtype: 'text', subtypeOpclass: 'pg_catalog.text_ops', collation: 'pg_catalog."C"', canonical: null, subtypeDiff: null, multirange: 'public.text_ranges', comment: null },
    ]);
    // the table's row type is the table, not a composite type
    expect(snapshot.compositeTypes.map((t) => t.name)).not.toContain('t');
    // the multirange types and the casts to them come with the ranges: not objects of their own
    expect([snapshot.casts, snapshot.notCompared]).toEqual([[], []]);
  });

  it('describes collations without their version (a property of the machine)', async () => {
    const snapshot = await snapshotOf(`
      CREATE COLLATION ordinal (provider = libc, locale = 'C');
      CREATE COLLATION nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
    `);
    expect(snapshot.collations).toEqual([
      { schema: 'public', name: 'nocase', provider: 'icu', lcCollate: null, lcCtype: null, locale: 'und-u-ks-level2', icuRules: null, deterministic: false, comment: null },
      { schema: 'public', name: 'ordinal', provider: 'libc', lcCollate: 'C', lcCtype: 'C', locale: null, icuRules: null, deterministic: true, comment: null },
    ]);
  });

  it("describes rules on tables and views, but not a view's own _RETURN rule", async () => {
    const snapshot = await snapshotOf(`
      CREATE TABLE t (id int, kind text);
      CREATE VIEW v AS SELECT id FROM t;
      CREATE RULE keep AS ON DELETE TO t WHERE OLD.kind = 'pinned' DO INSTEAD NOTHING;
      CREATE RULE v_insert AS ON INSERT TO v DO INSTEAD INSERT INTO t (id) VALUES (NEW.id);
      ALTER TABLE t DISABLE RULE keep;
    `);
    expect(tableIn(snapshot, 't').rules).toEqual([
      { name: 'keep', definition: "CREATE RULE keep AS\n    ON DELETE TO public.t\n   WHERE (old.kind = 'pinned'::text) DO INSTEAD NOTHING;", enabled: 'disabled', comment: null },
    ]);
    expect(viewIn(snapshot, 'v').rules.map((r) => r.name)).toEqual(['v_insert']);
  });

  it('describes event triggers (tags sorted) and extended statistics; replica identity is a table property', async () => {
    const snapshot = await snapshotOf(`
      CREATE FUNCTION noop() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN NULL; END $$;
      CREATE EVENT TRIGGER watch ON ddl_command_end WHEN TAG IN ('DROP TABLE', 'CREATE TABLE') EXECUTE FUNCTION noop();
      ALTER EVENT TRIGGER watch ENABLE ALWAYS;
      CREATE TABLE t (id int PRIMARY KEY, a text, b text);
      CREATE TABLE f (id int);
      CREATE TABLE n (id int);
      ALTER TABLE t REPLICA IDENTITY USING INDEX t_pkey;
      ALTER TABLE f REPLICA IDENTITY FULL;
      ALTER TABLE n REPLICA IDENTITY NOTHING;
      CREATE STATISTICS t_a_b (ndistinct, dependencies) ON a, b FROM t;
      ALTER STATISTICS t_a_b SET STATISTICS 400;
    `);
    expect(snapshot.eventTriggers).toEqual([{ name: 'watch', event: 'ddl_command_end', tags: ['CREATE TABLE', 'DROP TABLE'], function: 'public.noop', enabled: 'always', comment: null }]);
    expect(snapshot.statistics).toEqual([
      { schema: 'public', name: 't_a_b', table: 'public.t', definition: 'CREATE STATISTICS public.t_a_b (ndistinct, dependencies) ON a, b FROM public.t', target: 400, comment: null },
    ]);
    expect(snapshot.tables.map((t) => [t.name, t.replicaIdentity])).toEqual([['f', 'full'], ['n', 'nothing'], ['t', 'index t_pkey']]);
  });

  it('leaves out the statistics of an ignored table and the objects of extensions', async () => {
    const snapshot = await snapshotOf(
      `CREATE TABLE schema_migrations (v text, w text); CREATE STATISTICS sm_stats ON v, w FROM schema_migrations; CREATE EXTENSION citext;`,
    );
    expect([snapshot.statistics, snapshot.compositeTypes, snapshot.collations, snapshot.notCompared]).toEqual([[], [], [], []]);
  });

  it('describes aggregates, operators, casts, operator classes and families, text search, foreign-data wrappers, servers and tables', async () => {
    const snapshot = await snapshotOf(`
      CREATE AGGREGATE agg(int) (sfunc = int4pl, stype = int, initcond = '0');
      CREATE OPERATOR === (leftarg = int, rightarg = int, function = int4eq, commutator = ===, restrict = eqsel, join = eqjoinsel, hashes, merges);
      CREATE TYPE ct AS (x int);
      CREATE CAST (ct AS text) WITH INOUT AS ASSIGNMENT;
      CREATE OPERATOR CLASS int_ops2 FOR TYPE int USING hash AS OPERATOR 1 = , FUNCTION 1 hashint4(int);
      CREATE TEXT SEARCH DICTIONARY tsd (TEMPLATE = simple, STOPWORDS = english);
      CREATE TEXT SEARCH CONFIGURATION tsc (PARSER = default);
      ALTER TEXT SEARCH CONFIGURATION tsc ADD MAPPING FOR word, asciiword WITH tsd, simple;
      CREATE FOREIGN DATA WRAPPER w OPTIONS (debug 'true');
      CREATE SERVER s TYPE 'x' VERSION '1' FOREIGN DATA WRAPPER w OPTIONS (host 'h');
      CREATE FOREIGN TABLE ft (a int OPTIONS (column_name 'A') NOT NULL DEFAULT 1, b text) SERVER s OPTIONS (table_name 't');
    `);
    const { aggregates, operators, casts, operatorClasses, operatorFamilies, textSearchConfigurations, textSearchDictionaries, foreignDataWrappers, foreignServers, foreignTables, notCompared, functions } = snapshot;
    expect({ aggregates, operators, casts, operatorClasses, operatorFamilies, textSearchConfigurations, textSearchDictionaries, foreignDataWrappers, foreignServers, foreignTables, notCompared }).toEqual({
      aggregates: [
        {
          schema: 'public', name: 'agg', identityArguments: 'integer', arguments: 'integer', returns: 'integer', kind: 'normal', transition: 'int4pl', stateType: 'integer', stateSpace: 0,
          initial: '0', final: null, finalExtra: false, finalModify: 'read_only', combine: null, serialize: null, deserialize: null, movingTransition: null, movingInverse: null,
          movingStateType: null, movingInitial: null, movingFinal: null, movingFinalExtra: null, movingFinalModify: null, movingStateSpace: null, sortOperator: null, parallel: 'unsafe', comment: null,
        },
      ],
      operators: [
        { schema: 'public', name: '===', left: 'integer', right: 'integer', result: 'boolean', function: 'int4eq', commutator: 'public.===(integer,integer)', negator: null, restrict: 'eqsel', join: 'eqjoinsel', hashes: true, merges: true, comment: null },
      ],
      casts: [{ source: 'public.ct', target: 'text', function: null, context: 'assignment', method: 'inout', comment: null }],
      operatorClasses: [{ schema: 'public', name: 'int_ops2', method: 'hash', type: 'integer', default: false, family: 'public.int_ops2', storage: null, comment: null }],
      operatorFamilies: [{ schema: 'public', name: 'int_ops2', method: 'hash', operators: ['1 =(integer,integer)'], functions: ['1 (integer, integer) hashint4(integer)'], comment: null }],
      textSearchConfigurations: [{ schema: 'public', name: 'tsc', parser: 'pg_catalog."default"', mappings: ['asciiword: public.tsd, simple', 'word: public.tsd, simple'], comment: null }],
      textSearchDictionaries: [{ schema: 'public', name: 'tsd', template: 'pg_catalog.simple', options: "stopwords = 'english'", comment: null }],
      foreignDataWrappers: [{ name: 'w', handler: null, validator: null, options: ['debug=true'], comment: null }],
      foreignServers: [{ name: 's', wrapper: 'w', type: 'x', version: '1', options: ['host=h'], comment: null }],
      foreignTables: [
        {
          schema: 'public',
          name: 'ft',
          server: 's',
          options: ['table_name=t'],
          partitionBound: null,
          parents: [],
          columns: [
            { name: 'a', type: 'integer', notNull: true, default: '1', generated: null, collation: null, statistics: null, options: ['column_name=A'] },
            { name: 'b', type: 'text', notNull: false, default: null, generated: null, collation: null, statistics: null, options: [] },
          ],
          constraints: [],
          triggers: [],
          comment: null,
        },
      ],
      notCompared: [],
    });
    // an aggregate is described once, as an aggregate
    expect(functions).toEqual([]);
  });
});
