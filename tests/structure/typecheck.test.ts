import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error — a plain .mjs script without types
import { startTypeCheck } from '../../scripts/typecheck.mjs';
import { folderWith } from '../support/folders.js';

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
  it('checks nothing when no file of the project changed, checks a change, and checks all again after an install', async () => {
    const root = project();
    expect(await check(root)).toMatchObject({ code: 0, unchanged: false });
    expect(await check(root)).toMatchObject({ code: 0, unchanged: true });
    // an install: npm rewrites node_modules/.package-lock.json (the packages' types may have changed)
    const later = new Date(Date.now() + 2000);
    utimesSync(join(root, 'node_modules', '.package-lock.json'), later, later);
    expect(await check(root)).toMatchObject({ code: 0, unchanged: false });
    // a change with a type error: reported, and again on the next run (never "up to date")
    writeFileSync(join(root, 'src', 'b.ts'), "export const b: number = 'x';\n");
    for (let run = 0; run < 2; run++) {
      const failed = await check(root);
      expect(failed.code).not.toBe(0);
      expect(failed.output).toContain("src/b.ts(1,14): error TS2322: Type 'string' is not assignable to type 'number'.");
    }
  });

  it("is the check of this repository's tsconfig.json: its state kept in node_modules/.cache", () => {
    const config = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'tsconfig.json'), 'utf8'));
    expect(config.compilerOptions).toMatchObject({ noEmit: true, incremental: true, tsBuildInfoFile: 'node_modules/.cache/schema-parity/typecheck.tsbuildinfo' });
  });
});
