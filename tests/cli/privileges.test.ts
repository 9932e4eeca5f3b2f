import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { withClient } from '../../harness/server/connect.js';
import { ROLES_SQL } from '../support/roles.js';
import { folderWith } from '../support/folders.js';
import { testServer } from '../support/scratch.js';
import { runMain } from './run-parity.js';

const onTestServer = () => ({ PARITY_DATABASE_URL: testServer().adminUrl });

// the roles exist on the server (they are cluster-wide: a url: server's replay never creates one)
beforeAll(async () => {
  await withClient(testServer().adminUrl, (client) => client.query(ROLES_SQL));
});

/** Two migration folders that differ only in a grant (b also grants INSERT, to a role a host names otherwise). */
function project(rules: string): string {
  return folderWith({
    'a/001_t.sql': `CREATE TABLE t (id int);\nGRANT SELECT ON t TO parity_reader;\n`,
    'b/001_t.sql': `CREATE TABLE t (id int);\nGRANT SELECT ON t TO parity_reader;\nGRANT INSERT ON t TO parity_host_admin;\n`,
    'parity.config.mjs': `export default { sources: { a: 'legacy:a', b: 'legacy:b' }, snapshots: ['a'], rules: ${rules} };`,
  });
}

describe('parity with the privileges rule', () => {
  it('off (the default): a grant made in one build only changes nothing', async () => {
    const run = await runMain(['diff', 'a', 'b'], { cwd: project('{}'), env: onTestServer() });
    expect([run.code, run.stdout, run.stderr]).toEqual([0, 'a and b: equal\n', '']);
  });

  it('drift: the grant fails the diff, in a Privileges section; the role map makes a host role the same role', async () => {
    const run = await runMain(['diff', 'a', 'b'], { cwd: project("{ privileges: 'drift' }"), env: onTestServer() });
    expect([run.code, run.stdout]).toEqual([1, 'a vs b: 1 difference (1 drift, 0 cosmetic)\n\nPrivileges\n  + table public.t: INSERT TO parity_host_admin  (only in b)\n      ↳ REVOKE INSERT ON TABLE public.t FROM parity_host_admin;\n']);
    const json = await runMain(['diff', 'a', 'b', '--format', 'json'], { cwd: project("{ privileges: 'cosmetic' }"), env: onTestServer() });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).differences).toEqual([
      {
        kind: 'extra',
        object: 'privilege',
        path: 'table public.t: INSERT TO parity_host_admin',
        a: null,
        b: { kind: 'table', schema: 'public', object: 't', arguments: null, column: null, grantee: 'parity_host_admin', privilege: 'INSERT', grantable: false },
        severity: 'cosmetic',
        note: 'a privilege',
        hint: 'REVOKE INSERT ON TABLE public.t FROM parity_host_admin;',
      },
    ]);
    // with b's host role read as a's role, b grants parity_reader INSERT: still one grant more, now named by a's role
    const mapped = await runMain(['diff', 'a', 'b'], { cwd: project("{ privileges: 'drift', roleMap: { parity_host_admin: 'parity_reader' } }"), env: onTestServer() });
    expect([mapped.code, mapped.stdout]).toEqual([1, 'a vs b: 1 difference (1 drift, 0 cosmetic)\n\nPrivileges\n  + table public.t: INSERT TO parity_reader  (only in b)\n      ↳ REVOKE INSERT ON TABLE public.t FROM parity_reader;\n']);
  });

  it('parity refresh writes the grants and owners into a committed snapshot only when a rule asks, and check compares them', async () => {
    const off = project('{}');
    expect((await runMain(['refresh'], { cwd: off, env: onTestServer() })).code).toBe(0);
    expect(Object.keys(JSON.parse(readFileSync(join(off, 'snapshots', 'a.snapshot.json'), 'utf8')))).not.toContain('grants');

    const on = project("{ privileges: 'drift', ownership: 'drift' }");
    expect((await runMain(['refresh'], { cwd: on, env: onTestServer() })).code).toBe(0);
    const written = JSON.parse(readFileSync(join(on, 'snapshots', 'a.snapshot.json'), 'utf8'));
    expect(written.grants.filter((g: { object: string }) => g.object === 't')).toEqual([{ kind: 'table', schema: 'public', object: 't', arguments: null, column: null, grantee: 'parity_reader', privilege: 'SELECT', grantable: false }]);
    expect(written.owners.map((o: { kind: string; object: string }) => `${o.kind} ${o.object}`)).toEqual(['schema public', 'table t']);
    expect((await runMain(['check'], { cwd: on, env: onTestServer() })).code).toBe(0);

    // a snapshot written with the rules off, compared with them on: a warning, never a silent pass on privileges
    const stale = await runMain(['diff', 'snapshot:snapshots/a.snapshot.json', 'b'], { cwd: off, env: onTestServer() });
    expect(stale.code).toBe(0);
    const warned = await runMain(['diff', `snapshot:${join(off, 'snapshots', 'a.snapshot.json')}`, 'b'], { cwd: on, env: onTestServer() });
    const staleFile = join(off, 'snapshots', 'a.snapshot.json');
    expect([warned.code, warned.stdout.split('\n').slice(1)]).toEqual([
      0,
      [
        'warning: privileges and owners are not compared: snapshot A was taken without them (a snapshot file written with the privileges and ownership rules off): run "parity refresh" with a rule on',
        'warning: 1 object of kinds schema-parity does not compare (privileges and owners): the verdict says nothing about them (listed under "not compared")',
        '',
        'Not compared (kinds schema-parity does not compare yet: check them by hand)',
        `  ? privileges and owners (the snapshot was taken without them)  (only in snapshot:${staleFile})`,
        '',
      ],
    ]);
    // and the coverage guard's --strict-coverage refuses it like any kind it cannot compare
    const strict = await runMain(['diff', '--strict-coverage', `snapshot:${staleFile}`, 'b'], { cwd: on, env: onTestServer() });
    expect([strict.code, strict.stderr]).toEqual([2, expect.stringMatching(/^parity diff: --strict-coverage: 1 object of kinds schema-parity does not compare/)]);
  });
});
