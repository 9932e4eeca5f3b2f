import { execFileSync } from 'node:child_process';
import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error — a plain .mjs script without types
import { startTypeCheck } from '../../scripts/typecheck.mjs';
import { folderWith } from '../support/folders.js';

const require = createRequire(import.meta.url);

interface Checked {
  code: number;
  output: string;
  unchanged: boolean;
}
const check = (root: string): Promise<Checked> => (startTypeCheck(root) as { done: Promise<Checked> }).done;

/** A project tsc checks in ~0.2 s: no lib files (the few global types tsc needs, declared), one file. */
function project(): string {
  return folderWith({
    'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, noEmit: true, incremental: true, tsBuildInfoFile: 'node_modules/.cache/typecheck.tsbuildinfo', types: [], noLib: true }, include: ['src'] }),
    'src/globals.d.ts': 'interface Array<T> { length: number } interface Boolean {} interface CallableFunction {} interface Function {} interface IArguments {} interface NewableFunction {} interface Number {} interface Object {} interface RegExp {} interface String {}\n',
    'src/a.ts': 'export const a: number = 1;\n',
    'node_modules/.package-lock.json': '{}\n',
  });
}

describe("npm test's type check (scripts/typecheck.mjs)", () => {
  it('checks nothing when no file of the project changed, checks a change, and checks all again after an install or when something else wrote its state', async () => {
    const root = project();
    expect(await check(root)).toMatchObject({ code: 0, unchanged: false });
    expect(await check(root)).toMatchObject({ code: 0, unchanged: true });
    // a file touched, its text the same: nothing to check
    const now = new Date();
    utimesSync(join(root, 'src', 'a.ts'), now, now);
    expect(await check(root)).toMatchObject({ code: 0, unchanged: true });
    const state = join(root, 'node_modules', '.cache', 'typecheck.tsbuildinfo');
    const past = new Date(Date.now() - 60_000);
    // an install since: npm rewrote node_modules/.package-lock.json (the packages' types may have changed)
    utimesSync(state, past, past);
    utimesSync(`${state}.checked`, past, past);
    expect(await check(root)).toMatchObject({ code: 0, unchanged: false });
    expect(await check(root)).toMatchObject({ code: 0, unchanged: true });
    // the state written by something else after the last check (a build whose config extends this one): not trusted
    utimesSync(`${state}.checked`, past, past);
    expect(await check(root)).toMatchObject({ code: 0, unchanged: false });
    expect(await check(root)).toMatchObject({ code: 0, unchanged: true });
    // a change with a type error: reported, and again on the next run (never "up to date")
    writeFileSync(join(root, 'src', 'b.ts'), "export const b: number = 'x';\n");
    for (let run = 0; run < 2; run++) {
      const failed = await check(root);
      expect(failed.code).not.toBe(0);
      expect(failed.output).toContain("src/b.ts(1,14): error TS2322: Type 'string' is not assignable to type 'number'.");
    }
  });

  it("is the check of this repository's tsconfig.json, its state kept in node_modules/.cache; the build's config (which extends it) keeps none there", () => {
    const root = join(import.meta.dirname, '..', '..');
    const config = JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8'));
    expect(config.compilerOptions).toMatchObject({ noEmit: true, incremental: true, tsBuildInfoFile: 'node_modules/.cache/schema-parity/typecheck.tsbuildinfo' });
    // a build writing the same state file (a program of harness/ alone) made the check of all
    // files look done: `tsc --build` compares file times only
    const build = JSON.parse(execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json'), '--showConfig'], { cwd: root, encoding: 'utf8' }));
    expect(build.compilerOptions.incremental).toBe(false);
    expect(build.compilerOptions.composite).toBeUndefined();
  });
});
