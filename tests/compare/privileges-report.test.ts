import { describe, expect, it } from 'vitest';
import { compare } from '../../harness/compare/compare.js';
import { textReport } from '../../harness/compare/report-text.js';
import { snapshotOf } from '../support/catalog.js';
import { ROLES_SQL } from '../support/roles.js';

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
