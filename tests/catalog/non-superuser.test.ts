import { randomBytes } from 'node:crypto';
import { describe, expect, it, onTestFinished } from 'vitest';
import { serializeSnapshot } from '../../harness/catalog/json.js';
import { takeSnapshot } from '../../harness/catalog/snapshot.js';
import { withAdminSession } from '../../harness/server/admin-sessions.js';
import { withClient } from '../../harness/server/connect.js';
import { scratchDatabase, testServer } from '../support/scratch.js';

describe('catalog: a snapshot read by a role that is not a superuser', () => {
  it('reads what a superuser reads (production is read with such a role): no catalog it may not read, a user mapping there too', async () => {
    const db = await scratchDatabase(
      'readonly',
      `CREATE TABLE t (id int PRIMARY KEY); CREATE FOREIGN DATA WRAPPER w; CREATE SERVER srv FOREIGN DATA WRAPPER w; CREATE USER MAPPING FOR PUBLIC SERVER srv;`,
    );
    onTestFinished(() => db.drop());
    const role = `parity_ro_${randomBytes(4).toString('hex')}`;
    const password = randomBytes(12).toString('hex');
    const admin = testServer().adminUrl;
    await withAdminSession(admin, (c) => c.query(`CREATE ROLE ${role} LOGIN NOSUPERUSER PASSWORD '${password}'`));
    onTestFinished(async () => {
      await withAdminSession(admin, (c) => c.query(`DROP ROLE IF EXISTS ${role}`));
    });
    const url = new URL(db.url);
    url.username = role;
    url.password = password;
    const asReader = await withClient(url.toString(), (c) => takeSnapshot(c));
    const withPrivileges = await withClient(url.toString(), (c) => takeSnapshot(c, { privileges: true }));
    expect(serializeSnapshot(withPrivileges)).toBe(serializeSnapshot(await takeSnapshot(db.client, { privileges: true })));
    expect(serializeSnapshot(asReader)).toBe(serializeSnapshot(await takeSnapshot(db.client)));
    expect(asReader.notCompared.map((o) => `${o.kind} ${o.identity}`)).toContain('user mapping public on server srv');
  });
});
