import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { takeSnapshot } from '../../harness/catalog/snapshot.js';
import { compare } from '../../harness/compare/compare.js';
import { dumpSchemaOnly, findPgDump } from '../../harness/dump/pg-dump.js';
import { sanitizeDump } from '../../harness/dump/sanitize.js';
import { withClient } from '../../harness/server/connect.js';
import { dumpSource, restoreDump } from '../../harness/sources/dump.js';
import { runMain } from '../cli/run-parity.js';
import { folderWith } from '../support/folders.js';
import { ROLES_SQL } from '../support/roles.js';
import { scratchDatabase, testServer } from '../support/scratch.js';

const ACCESS = { privileges: 'drift', ownership: 'drift' } as const;

/** A schema with owners, grants (one by a grantor that is not the owner), a column grant and default privileges. */
const SCHEMA = `${ROLES_SQL}
  CREATE SCHEMA app AUTHORIZATION parity_owner;
  GRANT USAGE ON SCHEMA app TO parity_reader, parity_writer;
  CREATE TABLE app.t (id int, secret text);
  ALTER TABLE app.t OWNER TO parity_owner;
  GRANT SELECT ON app.t TO parity_writer WITH GRANT OPTION;
  GRANT SELECT (id) ON app.t TO parity_reader;
  SET ROLE parity_writer; GRANT SELECT ON app.t TO parity_host_admin; RESET ROLE;
  CREATE FUNCTION app.f() RETURNS int LANGUAGE sql AS 'SELECT 1';
  REVOKE EXECUTE ON FUNCTION app.f() FROM PUBLIC;
  GRANT EXECUTE ON FUNCTION app.f() TO parity_reader;
  ALTER DEFAULT PRIVILEGES FOR ROLE parity_owner IN SCHEMA app GRANT SELECT ON TABLES TO parity_reader;`;

describe('dump: owners and privileges kept when a rule compares them', () => {
  it('parity dump keeps them (not the session lines), a restore runs them with the roles made NOLOGIN, and the restored database has the same grants and owners', async () => {
    const server = testServer();
    const source = await scratchDatabase('privileges source', SCHEMA);
    const production = `parity_prod_${Math.random().toString(36).slice(2, 8)}`;
    try {
      const raw = await dumpSchemaOnly(await findPgDump(server.major), source.url);
      const kept = sanitizeDump(raw, { keepPrivileges: true });
      expect(kept).toContain('owners and privileges kept');
      expect(kept).toMatch(/^ALTER TABLE app\.t OWNER TO parity_owner;$/m);
      expect(kept).toMatch(/^GRANT SELECT\(id\) ON TABLE app\.t TO parity_reader;$/m);
      expect(kept).toMatch(/^ALTER DEFAULT PRIVILEGES FOR ROLE parity_owner IN SCHEMA app GRANT SELECT ON TABLES\s+TO parity_reader;$/m);
      expect(raw).toMatch(/^SET SESSION AUTHORIZATION parity_writer;$/m); // the grant parity_writer made
      expect(kept).not.toMatch(/SESSION AUTHORIZATION|^SET ROLE/m);
      expect(sanitizeDump(kept, { keepPrivileges: true })).toBe(kept);
      // the default: as before, none of it
      const plain = sanitizeDump(raw);
      expect(plain).not.toMatch(/^(GRANT|REVOKE|ALTER DEFAULT PRIVILEGES|ALTER .* OWNER TO)/m);

      // production's owner is a role this server does not have: the restore makes it, NOLOGIN
      const file = join(folderWith({}), 'production.sql');
      writeFileSync(file, kept.replaceAll('parity_owner', production));
      const restored = await scratchDatabase('privileges restored');
      try {
        await restoreDump(restored.client, file, { keepPrivileges: true });
        const { rows } = await restored.client.query('SELECT rolcanlogin FROM pg_catalog.pg_roles WHERE rolname = $1', [production]);
        expect(rows).toEqual([{ rolcanlogin: false }]);
        const [a, b] = [await takeSnapshot(source.client, { privileges: true }), await takeSnapshot(restored.client, { privileges: true })];
        expect(b.owners!.find((o) => o.object === 't')?.owner).toBe(production);
        expect(compare(a, b, { ...ACCESS, roleMap: { [production]: 'parity_owner' } }).differences).toEqual([]);
        // without the role map, the host's name for the owner is what differs, and nothing else
        const unmapped = compare(a, b, ACCESS).differences.map((d) => `${d.kind} ${d.object} ${d.path}`);
        expect(unmapped).toEqual([
          'missing default privilege parity_owner IN SCHEMA app ON TABLES: GRANT SELECT TO parity_reader',
          `extra default privilege ${production} IN SCHEMA app ON TABLES: GRANT SELECT TO parity_reader`,
          'changed owner schema app',
          'changed owner table app.t',
        ]);
      } finally {
        await restored.drop();
      }

      // a restore that does not keep them (the rule off) has none of the grants
      const without = await scratchDatabase('privileges not restored');
      try {
        await restoreDump(without.client, file);
        const b = await takeSnapshot(without.client, { privileges: true });
        expect(b.grants!.filter((g) => g.schema === 'app' || g.object === 'app')).toEqual([
          // the built-in default: everyone may run a new function
          { kind: 'function', schema: 'app', object: 'f', arguments: '', column: null, grantee: 'PUBLIC', privilege: 'EXECUTE', grantable: false },
        ]);
      } finally {
        await without.drop();
      }
    } finally {
      await source.drop();
      await withClient(server.adminUrl, (c) => c.query(`DROP ROLE IF EXISTS ${production}`)).catch(() => {});
    }
  });

  it('a dump restored with its privileges is another build: another hash', async () => {
    const file = join(folderWith({ 'd.sql': '-- x\n' }), 'd.sql');
    expect(await dumpSource(file, { privileges: true }).hash()).not.toBe(await dumpSource(file).hash());
    expect(await dumpSource(file, { privileges: false }).hash()).toBe(await dumpSource(file).hash());
  });

  it('parity dump with the rule on keeps them; the restored dump equals the live database until someone GRANTs by hand', async () => {
    const live = await scratchDatabase('privileges live', SCHEMA);
    try {
      const dir = folderWith({ 'parity.config.mjs': "export default { sources: { prod: 'dump:prod.sql' }, rules: { privileges: 'drift', ownership: 'drift' } };" });
      const dumped = await runMain(['dump', '--url', live.url, '-o', 'prod.sql'], { cwd: dir });
      expect(dumped.code, dumped.stderr).toBe(0);
      expect(readFileSync(join(dir, 'prod.sql'), 'utf8')).toMatch(/^GRANT SELECT ON TABLE app\.t TO parity_writer WITH GRANT OPTION;$/m);
      const env = { PARITY_DATABASE_URL: testServer().adminUrl };
      const same = await runMain(['diff', 'prod', `url:${live.url}`], { cwd: dir, env });
      expect([same.code, same.stdout.endsWith(': equal\n')], same.stdout).toEqual([0, true]);
      await live.client.query('GRANT DELETE ON app.t TO parity_reader');
      const drifted = await runMain(['diff', 'prod', `url:${live.url}`, '--format', 'json'], { cwd: dir, env });
      expect(drifted.code).toBe(1);
      expect(JSON.parse(drifted.stdout).differences.map((d: { kind: string; object: string; path: string }) => `${d.kind} ${d.object} ${d.path}`)).toEqual(['extra privilege table app.t: DELETE TO parity_reader']);
    } finally {
      await live.drop();
    }
  });
});
