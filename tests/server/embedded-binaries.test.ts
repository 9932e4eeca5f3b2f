import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { packagedNativeDir, reachableByOthers, usableBinaries } from '../../harness/server/embedded-binaries.js';

const asRoot = userInfo().uid === 0;
const postgresIds = () => ({ uid: Number(spawnSync('id', ['-u', 'postgres']).stdout.toString()), gid: Number(spawnSync('id', ['-g', 'postgres']).stdout.toString()) });

function folder(mode: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'parity-binaries-'));
  chmodSync(dir, mode);
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A project cloned into a 0700 folder (mktemp -d, /root): its node_modules, as the postgres user sees them. */
async function unreachableNativeDir(): Promise<string> {
  const hidden = folder(0o700);
  symlinkSync(await packagedNativeDir(), join(hidden, 'native'));
  return join(hidden, 'native');
}

describe('the embedded binaries, as the server user can run them', () => {
  it('reachableByOthers: false inside a 0700 folder, true in the installed package here', async () => {
    expect(reachableByOthers(join(await unreachableNativeDir(), 'bin', 'postgres'))).toBe(false);
    expect(reachableByOthers(join(folder(0o755), 'missing'))).toBe(false);
  });

  it('as the same user, the package binaries are used where they are', async () => {
    const native = await unreachableNativeDir();
    expect(usableBinaries(native, { asOtherUser: false, sharedRoot: folder(0o755), version: 'test' }).postgres).toBe(join(native, 'bin', 'postgres'));
  });

  it.runIf(asRoot)('as root, binaries the postgres user cannot reach are copied once to where it can, and run there', async () => {
    const native = await unreachableNativeDir();
    const asPostgres = (file: string) => spawnSync(file, ['--version'], { ...postgresIds(), encoding: 'utf8' });
    // the premise: from the 0700 folder, the postgres user cannot even start the binary
    expect(asPostgres(join(native, 'bin', 'postgres')).error?.message).toMatch(/EACCES/);

    const shared = folder(0o755);
    const bin = usableBinaries(native, { asOtherUser: true, sharedRoot: shared, version: 'test' });
    expect(bin.postgres).toBe(join(shared, 'schema-parity-binaries-test', 'bin', 'postgres'));
    expect(reachableByOthers(bin.initdb)).toBe(true);
    expect(asPostgres(bin.postgres).stdout).toMatch(/^postgres \(PostgreSQL\) 15\./);
    expect(asPostgres(bin.initdb).stdout).toMatch(/^initdb \(PostgreSQL\) 15\./);
    // the second start reuses the copy
    expect(usableBinaries(native, { asOtherUser: true, sharedRoot: shared, version: 'test' })).toEqual(bin);
  });

  it.runIf(asRoot)('as root, with nowhere reachable to copy to, says what to do', async () => {
    const native = await unreachableNativeDir();
    const closed = folder(0o700);
    expect(() => usableBinaries(native, { asOtherUser: true, sharedRoot: closed, version: 'test' })).toThrow(
      /the postgres user cannot reach the PostgreSQL binaries in .* nor in .*: make .* enterable by others \(chmod o\+x\), set PARITY_CLUSTER_DIR/,
    );
  });
});
