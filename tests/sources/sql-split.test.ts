import { describe, expect, it } from 'vitest';
import { splitStatements } from '../../harness/sql/statements.js';
import { createdRole, nonTransactional } from '../../harness/sources/sql-split.js';

const texts = (sql: string) => splitStatements(sql).map((s) => s.text);

describe('splitting SQL into statements as psql does', () => {
  it('splits at semicolons outside quotes, dollar quotes, comments and parentheses, keeping where each starts', () => {
    const sql = [
      "-- a; comment\nSELECT 'a;b', E'it\\'s;', \"x;y\" FROM t;",
      '/* block /* nested; */ still; */ CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $body$ SELECT 1; $body$;',
      'DO $$ BEGIN PERFORM 1; END $$;',
      'CREATE RULE r AS ON INSERT TO t DO ALSO (NOTIFY a; NOTIFY b);',
      "SELECT $1::text, U&'d\\0061t;a'",
    ].join('\n');
    const statements = splitStatements(sql);
    expect(statements.map((s) => s.text)).toEqual([
      "SELECT 'a;b', E'it\\'s;', \"x;y\" FROM t;",
      'CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $body$ SELECT 1; $body$;',
      'DO $$ BEGIN PERFORM 1; END $$;',
      'CREATE RULE r AS ON INSERT TO t DO ALSO (NOTIFY a; NOTIFY b);',
      "SELECT $1::text, U&'d\\0061t;a'",
    ]);
    expect(statements.map((s) => sql.slice(s.start, s.end))).toEqual(statements.map((s) => s.text));
  });

  it('keeps a SQL-standard function body (BEGIN ATOMIC … END, with CASE … END inside) whole', () => {
    const body = 'CREATE OR REPLACE FUNCTION g(x int) RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT CASE WHEN x > 0 THEN 1 ELSE 0 END;\n  SELECT 2;\nEND;';
    expect(texts(`${body}\nCREATE TABLE t (id int);`)).toEqual([body, 'CREATE TABLE t (id int);']);
    // BEGIN outside a function is a transaction, not a body
    expect(texts('BEGIN; CREATE TABLE t (id int); COMMIT;')).toEqual(['BEGIN;', 'CREATE TABLE t (id int);', 'COMMIT;']);
  });

  it('names the statements that cannot run in a transaction block, and nothing else', () => {
    const kinds = splitStatements(`
      CREATE INDEX CONCURRENTLY i ON t (a);
      create unique index concurrently if not exists j on t (a);
      DROP INDEX CONCURRENTLY i;
      REINDEX (VERBOSE) TABLE CONCURRENTLY t;
      VACUUM (ANALYZE) t;
      ALTER SYSTEM SET work_mem = '8MB';
      CREATE DATABASE d;
      ALTER TABLE p DETACH PARTITION c CONCURRENTLY;
      CREATE INDEX k ON t (a);
      ALTER TYPE e ADD VALUE 'x';
      SELECT 'CREATE INDEX CONCURRENTLY';
      -- VACUUM;
    `).map(nonTransactional);
    expect(kinds).toEqual([
      'CREATE INDEX CONCURRENTLY',
      'CREATE INDEX CONCURRENTLY',
      'DROP INDEX CONCURRENTLY',
      'REINDEX CONCURRENTLY',
      'VACUUM',
      'ALTER SYSTEM',
      'CREATE DATABASE',
      'DETACH PARTITION CONCURRENTLY',
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('reads the role a CREATE ROLE / USER / GROUP makes, quoted names as written', () => {
    expect(splitStatements('CREATE ROLE App_Reader NOLOGIN; CREATE USER "Mixed Case"; create group g; CREATE TABLE role (id int); CREATE USER MAPPING FOR app SERVER s;').map(createdRole)).toEqual(['app_reader', 'Mixed Case', 'g', undefined, undefined]);
  });
});
