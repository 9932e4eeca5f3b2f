import { describe, expect, it } from 'vitest';
import { snapshotOf } from '../support/catalog.js';
import { ROLES_SQL } from '../support/roles.js';
import { testServer } from '../support/scratch.js';

const row = (g: { kind: string; schema: string | null; object: string; arguments: string | null; column: string | null; grantee: string; privilege: string; grantable: boolean }) =>
  `${g.kind} ${g.schema ?? '-'}.${g.object}${g.arguments !== null ? `(${g.arguments})` : ''}${g.column ? `.${g.column}` : ''} ${g.privilege} ${g.grantee}${g.grantable ? ' WITH GRANT OPTION' : ''}`;

describe('catalog: privileges and owners (only when asked)', () => {
  it('a snapshot taken without privileges has no grants, default privileges or owners', async () => {
    const snapshot = await snapshotOf(`${ROLES_SQL} CREATE TABLE t (a int); GRANT SELECT ON t TO parity_reader;`);
    expect(Object.keys(snapshot)).not.toContain('grants');
    expect(Object.keys(snapshot)).not.toContain('defaultPrivileges');
    expect(Object.keys(snapshot)).not.toContain('owners');
  });

  it('reads the effective grants of schemas, tables, columns, sequences, views, functions and types, without grantors or the owner', async () => {
    const snapshot = await snapshotOf(
      `${ROLES_SQL}
       CREATE SCHEMA app;
       GRANT USAGE ON SCHEMA app TO parity_reader;
       CREATE TABLE app.t (id int, secret text);
       GRANT SELECT, INSERT ON app.t TO parity_writer WITH GRANT OPTION;
       GRANT SELECT (id) ON app.t TO parity_reader;
       CREATE SEQUENCE app.s;
       GRANT USAGE ON SEQUENCE app.s TO parity_writer;
       CREATE VIEW app.v AS SELECT id FROM app.t;
       GRANT SELECT ON app.v TO PUBLIC;
       CREATE FUNCTION app.f(x int) RETURNS int LANGUAGE sql AS 'SELECT x';
       REVOKE EXECUTE ON FUNCTION app.f(int) FROM PUBLIC;
       GRANT EXECUTE ON FUNCTION app.f(int) TO parity_reader;
       CREATE TYPE app.mood AS ENUM ('ok');
       ALTER TYPE app.mood OWNER TO parity_owner;
       CREATE DOMAIN app.positive AS int CHECK (VALUE > 0);
       REVOKE USAGE ON DOMAIN app.positive FROM PUBLIC;`,
      { privileges: true, ignore: { schemas: ['public'] } },
    );
    expect(snapshot.grants!.map(row)).toEqual([
      'column app.t.id SELECT parity_reader',
      'function app.f(x integer) EXECUTE parity_reader',
      'schema -.app USAGE parity_reader',
      'sequence app.s USAGE parity_writer',
      'table app.t INSERT parity_writer WITH GRANT OPTION',
      'table app.t SELECT parity_writer WITH GRANT OPTION',
      // the built-in default: everyone may use a type (app.positive's was revoked)
      'type app.mood USAGE PUBLIC',
      'view app.v SELECT PUBLIC',
    ]);
    expect(snapshot.owners!.map((o) => `${o.kind} ${o.schema ?? '-'}.${o.object}${o.arguments !== null ? `(${o.arguments})` : ''} ${o.owner === 'parity_owner' ? o.owner : 'builder'}`)).toEqual([
      'function app.f(x integer) builder',
      'schema -.app builder',
      'sequence app.s builder',
      'table app.t builder',
      'type app.mood parity_owner',
      'type app.positive builder',
      'view app.v builder',
    ]);
  });

  it('reads default privileges: a schema entry adds, a global entry is its difference from the built-in default', async () => {
    const snapshot = await snapshotOf(
      `${ROLES_SQL}
       CREATE SCHEMA app;
       ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT ON TABLES TO parity_reader;
       ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
       ALTER DEFAULT PRIVILEGES GRANT USAGE ON SEQUENCES TO parity_writer WITH GRANT OPTION;`,
      { privileges: true },
    );
    expect(snapshot.defaultPrivileges!.map((d) => `${d.schema ?? '*'} ${d.objects} ${d.action} ${d.privilege} ${d.grantee}${d.grantable ? ' WITH GRANT OPTION' : ''}`)).toEqual([
      '* functions REVOKE EXECUTE PUBLIC',
      '* sequences GRANT USAGE parity_writer WITH GRANT OPTION',
      'app tables GRANT SELECT parity_reader',
    ]);
    // described, so no longer listed by the coverage guard (which lists them without privileges)
    expect(snapshot.notCompared).toEqual([]);
    expect((await snapshotOf(`${ROLES_SQL} ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;`)).notCompared.map((o) => o.kind)).toEqual(['default privileges']);
  });

  it('leaves out what an extension owns and what an ignored table has', async () => {
    const snapshot = await snapshotOf(`${ROLES_SQL} CREATE EXTENSION citext; CREATE TABLE schema_migrations (v text); GRANT SELECT ON schema_migrations TO parity_reader;`, { privileges: true });
    expect(snapshot.grants!.filter((g) => g.schema === 'public').map(row)).toEqual([]);
    expect(snapshot.owners!.filter((o) => o.schema === 'public').map((o) => o.object)).toEqual([]);
  });

  it.runIf(testServer().major >= 17)('PostgreSQL 17: MAINTAIN is a table privilege, and ALL includes it', async () => {
    const snapshot = await snapshotOf(`${ROLES_SQL} CREATE TABLE t (a int); GRANT MAINTAIN ON t TO parity_reader; GRANT ALL ON t TO parity_writer;`, { privileges: true });
    expect(snapshot.grants!.filter((g) => g.object === 't').map(row)).toEqual([
      'table public.t MAINTAIN parity_reader',
      ...['DELETE', 'INSERT', 'MAINTAIN', 'REFERENCES', 'SELECT', 'TRIGGER', 'TRUNCATE', 'UPDATE'].map((p) => `table public.t ${p} parity_writer`),
    ]);
  });
});
