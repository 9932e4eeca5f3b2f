import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../harness/catalog/model.js';
import { takeSnapshot } from '../../harness/catalog/snapshot.js';
import { compare } from '../../harness/compare/compare.js';
import { textReport } from '../../harness/compare/report-text.js';
import { withClient } from '../../harness/server/connect.js';
import { createDatabase, dropDatabase } from '../../harness/server/databases.js';
import { startServer } from '../../harness/server/index.js';
import type { PostgresServer } from '../../harness/server/types.js';
import { ROLES_SQL } from '../support/roles.js';
import { testServer } from '../support/scratch.js';

const ACCESS = { privileges: 'drift', ownership: 'drift' } as const;
const TABLE = 'CREATE TABLE t (a int);';
/** ALL on a table and on tables to come, given and taken: what 17 widens with MAINTAIN. */
const ALL = `${TABLE}
  GRANT ALL ON t TO parity_writer;
  GRANT ALL ON t TO parity_reader WITH GRANT OPTION;
  ALTER DEFAULT PRIVILEGES FOR ROLE parity_owner IN SCHEMA public GRANT ALL ON TABLES TO parity_reader;
  ALTER DEFAULT PRIVILEGES FOR ROLE parity_owner REVOKE ALL ON TABLES FROM parity_owner;`;

const started: PostgresServer[] = [];
let on17: PostgresServer;
let older: PostgresServer;

async function built(server: PostgresServer, sql: string): Promise<Snapshot> {
  const db = await createDatabase(server, 'privileges');
  try {
    return await withClient(server.urlFor(db), async (client) => {
      await client.query(`${ROLES_SQL}\n${sql}`);
      return takeSnapshot(client, { privileges: true });
    });
  } finally {
    await dropDatabase(server, db);
  }
}

const differences = (a: Snapshot, b: Snapshot) => {
  const comparison = compare(a, b, ACCESS);
  return { got: comparison.differences.map((d) => [d.kind, d.object, d.path, d.property].filter(Boolean).join(' ')), comparison };
};

beforeAll(async () => {
  const run = testServer();
  on17 = run.major === 17 ? run : await startServer({ provider: 'embedded', major: 17 });
  if (on17 !== run) started.push(on17);
  // an older major whose public schema is 17's (pg_database_owner's, 15+)
  older = run.major === 15 || run.major === 16 ? run : await startServer({ provider: 'embedded', major: 15 });
  if (older !== run) started.push(older);
}, 180_000);
afterAll(async () => {
  for (const server of started) await server.stop();
});

describe('PostgreSQL 17: MAINTAIN', () => {
  it('is a table privilege: granted alone it is reported, and nothing else', async () => {
    const [a, b] = [await built(on17, TABLE), await built(on17, `${TABLE} GRANT MAINTAIN ON t TO parity_reader;`)];
    expect(b.grants!.filter((g) => g.object === 't').map((g) => `${g.privilege} ${g.grantee}`)).toEqual(['MAINTAIN parity_reader']);
    const { got, comparison } = differences(a, b);
    expect(got, textReport(comparison, { a: 'a', b: 'b' })).toEqual(['extra privilege table public.t: MAINTAIN TO parity_reader']);
  });

  it('comes with ALL on 17: ALL on an older major and ALL on 17 compare equal, both ways, with a warning that says so', async () => {
    const [a, b] = [await built(older, ALL), await built(on17, ALL)];
    // the 17 side does hold MAINTAIN, in the grants and in the default privileges
    expect(b.grants!.filter((g) => g.privilege === 'MAINTAIN').map((g) => g.grantee)).toEqual(['parity_reader', 'parity_writer']);
    expect(b.defaultPrivileges!.filter((d) => d.privilege === 'MAINTAIN').map((d) => `${d.action} ${d.grantee}`)).toEqual(['REVOKE parity_owner', 'GRANT parity_reader']);
    for (const [x, y] of [[a, b], [b, a]] as const) {
      const { got, comparison } = differences(x, y);
      expect(got, textReport(comparison, { a: 'a', b: 'b' })).toEqual([]);
      expect(comparison.warnings).toContain('MAINTAIN (PostgreSQL 17+) that comes with ALL on a table is not compared with the older server, which has no MAINTAIN');
    }
  });

  it('granted alone on 17 is still reported against an older major; ALL without its grant option is a grant option change', async () => {
    const a = await built(older, `${TABLE} GRANT ALL ON t TO parity_reader WITH GRANT OPTION;`);
    const b = await built(on17, `${TABLE} GRANT ALL ON t TO parity_reader; GRANT MAINTAIN ON t TO parity_writer;`);
    const { got, comparison } = differences(a, b);
    expect(got, textReport(comparison, { a: 'a', b: 'b' })).toEqual([
      'extra privilege table public.t: MAINTAIN TO parity_writer',
      ...['DELETE', 'INSERT', 'REFERENCES', 'SELECT', 'TRIGGER', 'TRUNCATE', 'UPDATE'].map((p) => `changed privilege table public.t: ${p} TO parity_reader grantable`),
    ]);
  });
});
