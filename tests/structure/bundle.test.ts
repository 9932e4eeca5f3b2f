import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderWith } from '../support/folders.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli');

describe('the bundled CLI (scripts/build.mjs)', () => {
  it("carries zod's English messages only, not its ~60 other languages", () => {
    const bundled = readdirSync(CLI)
      .filter((name) => name.endsWith('.js'))
      .map((name) => readFileSync(join(CLI, name), 'utf8'))
      .join('\n');
    // esbuild names each bundled module in a comment
    const locales = [...bundled.matchAll(/^\/\/ node_modules\/zod\/v4\/locales\/([\w-]+)\.js$/gm)].map((m) => m[1]);
    // (the index of languages, when bundled at all, is cut down to English by the build)
    expect(locales.filter((name) => name !== 'index')).toEqual(['en']);
  });

  it("and zod's messages, which a snapshot file's errors quote, are English", () => {
    const dir = folderWith({});
    const file = join(dir, 'bad.snapshot.json');
    // a snapshot of this format whose only table is named by a number
    writeFileSync(file, readFileSync(join(ROOT, 'snapshots', 'legacy.snapshot.json'), 'utf8').replace(/"name": "[^"]+"/, '"name": 5'));
    const run = spawnSync(process.execPath, [join(ROOT, 'bin', 'parity.js'), 'diff', `snapshot:${file}`, `snapshot:${file}`], { cwd: dir, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/at \$\.[\w[\].]*name: Invalid input: expected string, received number/);
  });
});
