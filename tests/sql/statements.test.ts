import { describe, expect, it } from 'vitest';
import { lineAndColumnAt } from '../../harness/sql/position.js';
import { splitStatements } from '../../harness/sql/statements.js';

const texts = (sql: string) => splitStatements(sql).map((s) => s.text);

describe('splitStatements: where psql would end each statement', () => {
  it('a ; inside quotes, identifiers, dollar quotes, comments and parentheses does not end one', () => {
    expect(
      texts(`SELECT ';' AS "a;b"; -- x; y\nCREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $f$ BEGIN RETURN 1; END $f$;\n/* a; /* nested; */ b; */ SELECT E'\\';'; SELECT $$;$$`),
    ).toEqual([`SELECT ';' AS "a;b";`, 'CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $f$ BEGIN RETURN 1; END $f$;', "SELECT E'\\';';", 'SELECT $$;$$']);
  });

  it('a BEGIN ATOMIC body (CASE … END inside) is one statement', () => {
    const sql = 'CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT CASE WHEN x > 0 THEN 1 ELSE 0 END; SELECT 2; END;\nSELECT 3;';
    expect(texts(sql)).toEqual(['CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT CASE WHEN x > 0 THEN 1 ELSE 0 END; SELECT 2; END;', 'SELECT 3;']);
  });

  it('a psql meta-command is a statement of its own line', () => {
    expect(texts('\\restrict abc\nSET x = 1;\n\\unrestrict abc\n')).toEqual(['\\restrict abc', 'SET x = 1;', '\\unrestrict abc']);
  });

  it('places each statement: line, and column in characters as the server counts them (not UTF-16 units)', () => {
    const sql = "SELECT '😀'; SELECT 2;\n  SELECT 3;";
    const [, a, b] = splitStatements(sql).map((s) => lineAndColumnAt(sql, s.start));
    expect([a, b]).toEqual([{ line: 1, column: 13 }, { line: 2, column: 3 }]);
  });
});
