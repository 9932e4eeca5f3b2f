import { spawnSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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

  it.runIf(asRoot)('the copy keeps the links inside the folder as links (a library is copied once, not once per name), and copies what other links point to', () => {
    // a package folder reached through a link (pnpm's layout), in a 0700 folder
    const hidden = folder(0o700);
    const outside = folder(0o700);
    const real = join(hidden, 'store', 'native');
    for (const [path, text] of Object.entries({ 'bin/postgres': '#!/bin/sh\n', 'bin/initdb': '#!/bin/sh\n', 'lib/libx.so.1.2': 'x', '../share-data/words': 'w' })) {
      mkdirSync(join(real, path, '..'), { recursive: true });
      writeFileSync(join(real, path), text, { mode: 0o755 });
    }
    writeFileSync(join(outside, 'liby.so'), 'y');
    symlinkSync('libx.so.1.2', join(real, 'lib', 'libx.so.1'));
    symlinkSync('libx.so.1', join(real, 'lib', 'libx.so'));
    symlinkSync(join(outside, 'liby.so'), join(real, 'lib', 'liby.so'));
    symlinkSync('../share-data', join(real, 'share'));
    symlinkSync(join('store', 'native'), join(hidden, 'native'));

    const shared = folder(0o755);
    const bin = usableBinaries(join(hidden, 'native'), { asOtherUser: true, sharedRoot: shared, version: 'links' });
    const copy = join(shared, 'schema-parity-binaries-links');
    expect(bin.postgres).toBe(join(copy, 'bin', 'postgres'));
    // inside: links, as they were
    expect(readlinkSync(join(copy, 'lib', 'libx.so'))).toBe('libx.so.1');
    expect(readlinkSync(join(copy, 'lib', 'libx.so.1'))).toBe('libx.so.1.2');
    expect(readFileSync(join(copy, 'lib', 'libx.so'), 'utf8')).toBe('x');
    // pointing out of the folder: what they point to, copied
    expect(lstatSync(join(copy, 'lib', 'liby.so')).isFile()).toBe(true);
    expect(readFileSync(join(copy, 'lib', 'liby.so'), 'utf8')).toBe('y');
    expect(lstatSync(join(copy, 'share')).isDirectory()).toBe(true);
    expect(readFileSync(join(copy, 'share', 'words'), 'utf8')).toBe('w');
    // and nothing else
    expect(readdirSync(copy).sort()).toEqual(['bin', 'lib', 'share']);
    expect(readdirSync(join(copy, 'lib')).sort()).toEqual(['libx.so', 'libx.so.1', 'libx.so.1.2', 'liby.so']);
  });

  it.runIf(asRoot)('as root, with nowhere reachable to copy to, says what to do', async () => {
    const native = await unreachableNativeDir();
    const closed = folder(0o700);
    expect(() => usableBinaries(native, { asOtherUser: true, sharedRoot: closed, version: 'test' })).toThrow(
      /the postgres user cannot reach the PostgreSQL binaries in .* nor in .*: make .* enterable by others \(chmod o\+x\), set PARITY_CLUSTER_DIR/,
    );
  });
});
