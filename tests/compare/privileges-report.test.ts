import { describe, expect, it } from 'vitest';
import { takeSnapshot } from '../../harness/catalog/snapshot.js';
import { compare } from '../../harness/compare/compare.js';
import { withHints } from '../../harness/compare/hints.js';
import { textReport } from '../../harness/compare/report-text.js';
import { snapshotOf } from '../support/catalog.js';
import { ROLES_SQL } from '../support/roles.js';
import { scratchDatabase } from '../support/scratch.js';

describe('report: privileges, default privileges and owners', () => {
  it('have sections of their own, each difference one line', async () => {
    const a = await snapshotOf(`${ROLES_SQL} CREATE TABLE notes (id int); GRANT SELECT ON notes TO parity_reader;`, { privileges: true });
    const b = await snapshotOf(
      `${ROLES_SQL} CREATE TABLE notes (id int); GRANT SELECT ON notes TO parity_reader WITH GRANT OPTION; GRANT UPDATE (id) ON notes TO parity_writer;
       ALTER TABLE notes OWNER TO parity_owner; ALTER DEFAULT PRIVILEGES FOR ROLE parity_owner IN SCHEMA public GRANT SELECT ON TABLES TO parity_reader;`,
      { privileges: true },
    );
    const comparison = compare(a, b, { privileges: 'drift', ownership: 'cosmetic' });
    const report = textReport(comparison, { a: 'a', b: 'b' }).split('\n');
    // the owner is the builder on a: its name is the server's superuser
    const builder = a.owners!.find((o) => o.object === 'notes')!.owner;
    expect(report).toEqual([
      'a vs b: 4 differences (3 drift, 1 cosmetic)',
      '',
      'Privileges',
      '  + column public.notes.id: UPDATE TO parity_writer  (only in b)',
      '  ~ table public.notes: SELECT TO parity_reader: grantable false → true',
      '',
      'Default privileges',
      '  + parity_owner IN SCHEMA public ON TABLES: GRANT SELECT TO parity_reader  (only in b)',
      '',
      'Owners',
      `  ~ table public.notes: owner ${builder} → parity_owner (cosmetic: an owner)`,
    ]);
  });
});

describe('hints: the statements that make B like A', () => {
  it('objects outside schemas: a grant on a foreign server or wrapper, the owner of a publication or server; each hint runs', async () => {
    const base = `${ROLES_SQL} CREATE FOREIGN DATA WRAPPER w; CREATE SERVER srv FOREIGN DATA WRAPPER w; CREATE TABLE t (id int); CREATE PUBLICATION pb FOR TABLE t;`;
    const changes = `GRANT USAGE ON FOREIGN SERVER srv TO parity_reader; GRANT USAGE ON FOREIGN DATA WRAPPER w TO parity_reader;
      ALTER PUBLICATION pb OWNER TO parity_owner; ALTER SERVER srv OWNER TO parity_owner;`;
    const a = await snapshotOf(`${base} ${changes}`, { privileges: true });
    const b = await snapshotOf(base, { privileges: true });
    const hinted = withHints(compare(a, b, { privileges: 'drift', ownership: 'drift' }), {});
    expect(hinted.differences.map((d) => d.hint)).toEqual([
      'GRANT USAGE ON FOREIGN SERVER srv TO parity_reader;',
      'GRANT USAGE ON FOREIGN DATA WRAPPER w TO parity_reader;',
      'ALTER SERVER srv OWNER TO parity_owner;',
      'ALTER PUBLICATION pb OWNER TO parity_owner;',
    ]);
    // run on B, B is then A
    const db = await scratchDatabase('access-hints', base);
    try {
      for (const d of hinted.differences) await db.client.query(d.hint!);
      expect(compare(a, await takeSnapshot(db.client, { privileges: true }), { privileges: 'drift', ownership: 'drift' }).differences).toEqual([]);
    } finally {
      await db.drop();
    }
  });

  it('run on B, they leave no privilege, default privilege or owner difference', async () => {
    const schema = `${ROLES_SQL}
      CREATE SCHEMA app; CREATE TABLE app.t (id int, "Note" text); CREATE VIEW app.v AS SELECT id FROM app.t; CREATE SEQUENCE app.s;
      CREATE FUNCTION app.f(x int) RETURNS int LANGUAGE sql AS 'SELECT x'; CREATE PROCEDURE app.p() LANGUAGE sql AS 'SELECT 1'; CREATE TYPE app.mood AS ENUM ('ok');`;
    const a = await snapshotOf(
      `${schema}
       GRANT SELECT, INSERT ON app.t TO parity_reader WITH GRANT OPTION; GRANT SELECT ("Note") ON app.t TO parity_writer; GRANT USAGE ON SCHEMA app TO parity_reader;
       REVOKE EXECUTE ON FUNCTION app.f(int) FROM PUBLIC; ALTER VIEW app.v OWNER TO parity_owner;
       ALTER DEFAULT PRIVILEGES FOR ROLE parity_owner IN SCHEMA app GRANT SELECT ON TABLES TO parity_reader;
       ALTER DEFAULT PRIVILEGES FOR ROLE parity_owner REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;`,
      { privileges: true },
    );
    const b = await scratchDatabase(
      'hints',
      `${schema}
       GRANT SELECT ON app.t TO parity_reader; GRANT UPDATE ON app.t TO parity_writer; GRANT USAGE ON SEQUENCE app.s TO parity_writer WITH GRANT OPTION;
       REVOKE EXECUTE ON PROCEDURE app.p() FROM PUBLIC; REVOKE USAGE ON TYPE app.mood FROM PUBLIC;
       ALTER TABLE app.t OWNER TO parity_owner; ALTER FUNCTION app.f(int) OWNER TO parity_writer; ALTER SCHEMA app OWNER TO parity_owner;
       ALTER DEFAULT PRIVILEGES FOR ROLE parity_owner IN SCHEMA app GRANT INSERT ON TABLES TO parity_writer;
       ALTER DEFAULT PRIVILEGES FOR ROLE parity_owner REVOKE USAGE ON TYPES FROM PUBLIC;`,
    );
    try {
      const rules = { privileges: 'drift', ownership: 'drift' } as const;
      const before = withHints(compare(a, await takeSnapshot(b.client, { privileges: true }), rules), {}).differences;
      expect(before.length).toBeGreaterThan(10);
      expect(before.filter((d) => !d.hint).map((d) => d.path)).toEqual([]);
      // owners first: a new owner brings its own privileges along
      const hints = [...before.filter((d) => d.object === 'owner'), ...before.filter((d) => d.object !== 'owner')].map((d) => d.hint!);
      for (const hint of hints) await b.client.query(hint).catch((error: Error) => { throw new Error(`${hint}: ${error.message}`); });
      const after = compare(a, await takeSnapshot(b.client, { privileges: true }), rules);
      expect(after.differences, textReport(after, { a: 'a', b: 'b after the hints' })).toEqual([]);
    } finally {
      await b.drop();
    }
  });
});
