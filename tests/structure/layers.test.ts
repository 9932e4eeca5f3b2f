import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderWith } from '../support/folders.js';

const DIST = join(import.meta.dirname, '..', '..', 'dist', 'harness');

/** Imports `module` (compiled) in a fresh Node whose resolver refuses `forbidden`: proof it never loads them. */
function importsWithout(modules: string[], forbidden: string[]): string {
  const dir = folderWith({});
  const hooks = join(dir, 'hooks.mjs');
  writeFileSync(hooks, `const forbidden = ${JSON.stringify(forbidden)};\nexport async function resolve(specifier, context, next) {\n  if (forbidden.includes(specifier)) throw new Error('loaded ' + specifier + ' from ' + context.parentURL);\n  return next(specifier, context);\n}\n`);
  const register = join(dir, 'register.mjs');
  writeFileSync(register, `import { register } from 'node:module';\nimport { pathToFileURL } from 'node:url';\nregister(pathToFileURL(${JSON.stringify(hooks)}));\n`);
  return execFileSync(process.execPath, ['--import', register, '--input-type=module', '-e', `${modules.map((m) => `await import(${JSON.stringify(join(DIST, m))});`).join(' ')} console.log('ok')`], { encoding: 'utf8' });
}

describe('layers: data flows one way', () => {
  it('compare is pure: it loads no database client, no server, no build tool', () => {
    const compare = readdirSync(join(DIST, 'compare')).filter((f) => f.endsWith('.js')).map((f) => `compare/${f}`);
    expect(compare.length).toBeGreaterThan(5);
    expect(importsWithout(compare, ['pg', 'tsx', 'tsx/esm/api', 'drizzle-kit', 'testcontainers', 'pg-dump-parser']).trim()).toBe('ok');
  });
});
