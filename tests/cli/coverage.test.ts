import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderWith } from '../support/folders.js';
import { testServer } from '../support/scratch.js';
import { runMain } from './run-parity.js';

// the snapshot cache on, as for users: each test's folder is new, so only an unchanged source is read from it
const onTestServer = () => ({ PARITY_DATABASE_URL: testServer().adminUrl });
const SHELL = 'CREATE TYPE shell;\n';
const REFUSAL =
  '--strict-coverage: 1 object of kinds schema-parity does not compare (listed under "not compared"); the verdict cannot cover them. Check them another way, or drop --strict-coverage / strictCoverage to accept the warning.';

describe('parity and the coverage guard', () => {
  it('diff, check and snapshot list objects that are not compared; --strict-coverage and strictCoverage make that exit 2', async () => {
    const dir = folderWith({ 'migrations-legacy/001_init.sql': `CREATE TABLE a (id int);\n${SHELL}` });
    const env = onTestServer();
    const diff = await runMain(['diff', 'legacy:migrations-legacy', 'legacy:migrations-legacy'], { cwd: dir, env });
    expect([diff.code, diff.stdout]).toEqual([
      0,
      [
        'legacy:migrations-legacy and legacy:migrations-legacy: equal',
        'warning: 1 object of kinds schema-parity does not compare (shell type): the verdict says nothing about them (listed under "not compared")',
        '',
        'Not compared (kinds schema-parity does not compare yet: check them by hand)',
        '  ? shell type public.shell  (in both)',
        '',
      ].join('\n'),
    ]);
    const strict = await runMain(['diff', 'legacy:migrations-legacy', 'legacy:migrations-legacy', '--strict-coverage', '--format', 'json'], { cwd: dir, env });
    expect([strict.code, strict.stderr]).toEqual([2, `parity diff: ${REFUSAL}\n`]);
    expect(JSON.parse(strict.stdout).notCompared).toEqual([{ kind: 'shell type', identity: 'public.shell', in: 'both' }]);

    const snapshot = await runMain(['snapshot', 'legacy:migrations-legacy', '--strict-coverage'], { cwd: dir, env });
    expect([snapshot.code, snapshot.stderr]).toEqual([2, `parity snapshot: ${REFUSAL}\n  ? shell type public.shell\n`]);
    expect(JSON.parse(snapshot.stdout).notCompared).toEqual([{ kind: 'shell type', identity: 'public.shell' }]);

    expect((await runMain(['refresh'], { cwd: dir, env })).code).toBe(0);
    const check = await runMain(['check'], { cwd: dir, env });
    expect([check.code, check.stdout]).toEqual([0, 'verdict:\n  ✓ legacy = snapshots/legacy.snapshot.json\n\nlegacy: not compared (kinds schema-parity does not compare yet):\n  ? shell type public.shell\n']);
    writeFileSync(join(dir, 'parity.config.ts'), "export default { sources: { legacy: 'legacy:migrations-legacy' }, strictCoverage: true };\n");
    const strictCheck = await runMain(['check'], { cwd: dir, env });
    expect([strictCheck.code, strictCheck.stderr]).toEqual([2, `parity check: ${REFUSAL}\n`]);
  });
});
