import { describe, expect, it } from 'vitest';
import { selectUnits } from '../../harness/sources/legacy.js';
import { folderWith } from '../support/folders.js';

const PLAN = '%project=p\nusers 2025-01-01T00:00:00Z Me <me@x>\n';

describe('what only psql knows is refused by name and line, not left to a bare syntax error', () => {
  it('a psql meta-command in a plain file (\\set, \\ir): the file and line, and what to do', () => {
    const dir = folderWith({ '001_a.sql': 'CREATE TABLE a (id int);\n', '002_b.sql': 'CREATE TABLE b (id int);\n\\set ON_ERROR_STOP on\n\\ir inc/b.sql\n', 'inc/b.sql': 'CREATE TABLE c (id int);' });
    expect(() => selectUnits(dir)).toThrow('002_b.sql:2: "\\set ON_ERROR_STOP on" is a psql meta-command, not SQL: the replay sends the file to the server, which does not know psql features. Write out what it does (the SQL of an included file, the value of a variable) in the file.');
  });

  it('a Sqitch deploy script with a psql variable (:"schema"): the file and line', () => {
    const dir = folderWith({ 'sqitch.plan': PLAN, 'deploy/users.sql': 'BEGIN;\nCREATE SCHEMA :"schema";\nCOMMIT;\n' });
    expect(() => selectUnits(dir)).toThrow('deploy/users.sql:2: :"schema" is a psql variable (Sqitch passes its deploy variables this way): the replay sends the file to the server, which does not know psql features. Write the value into the file.');
    const quoted = folderWith({ 'sqitch.plan': PLAN, 'deploy/users.sql': "BEGIN;\nCOMMENT ON SCHEMA public IS :'note';\nCOMMIT;\n" });
    expect(() => selectUnits(quoted)).toThrow("deploy/users.sql:2: :'note' is a psql variable");
  });

  it('casts, JSON in strings, dollar-quoted bodies and comments are not variables', () => {
    const dir = folderWith({
      '001_a.sql': [
        'CREATE TYPE "Mood" AS ENUM (\'ok\');',
        'CREATE TABLE a (m "Mood" DEFAULT \'ok\'::"Mood", j jsonb DEFAULT \'{"a":"b"}\'::jsonb, e text DEFAULT E\'it\\\'s :"x"\');',
        '-- :"not_a_variable"',
        'CREATE FUNCTION f() RETURNS text LANGUAGE sql AS $$ SELECT \':"y"\' $$;',
        '',
      ].join('\n'),
    });
    expect(selectUnits(dir).units.map((u) => u.file)).toEqual(['001_a.sql']);
  });
});
