import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { readStatically } from '../../harness/init/drizzle-config.js';
import { testServer } from '../support/scratch.js';
import { workflowErrors } from '../support/workflows.js';
import { runMain, runParity } from './run-parity.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'init');
const NODE_MODULES = join(import.meta.dirname, '..', '..', 'node_modules');
// builds go to the run's server, as in cli.test.ts; DATABASE_URL unset: a drizzle config may read it
const env = () => ({ PARITY_DATABASE_URL: testServer().adminUrl, DATABASE_URL: undefined });

/**
 * A copy of a fixture project in a temp folder, with node_modules linked to ours: the project's
 * installed drizzle-orm and drizzle-kit, which its schema file and drizzle config import.
 */
function copyOf(fixture: string): string {
  const dir = mkdtempSync(join(tmpdir(), `parity-init-${fixture}-`));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(join(FIXTURES, fixture), dir, { recursive: true });
  symlinkSync(NODE_MODULES, join(dir, 'node_modules'), 'dir');
  return dir;
}

/** Every file under `dir` (not node_modules or .parity-cache), relative, sorted, with its content. */
function filesOf(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (name === 'node_modules' || name === '.parity-cache') continue;
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(dir, path).split(sep).join('/')] = readFileSync(path, 'utf8');
    }
  };
  walk(dir);
  return Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b)));
}

function written(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys(after).filter((path) => before[path] !== after[path]);
}

const WROTE = ['wrote parity.config.ts', 'wrote .github/workflows/parity.yml', 'wrote .github/workflows/parity-nightly.yml'];
const NEXT = 'next: npx parity refresh   (writes snapshots/<name>.snapshot.json: review them, commit them with parity.config.ts)\n      npx parity check\n';

const SHAPES = [
  {
    fixture: 'drizzle-only',
    found: [
      '  drizzle.config.ts (loaded): schema ./src/db/schema.ts, out drizzle (drizzle-kit 0.x, 2 migrations)',
      '  production URL: DATABASE_URL (.env.example)',
    ],
    sources: ["    baseline: 'drizzle:drizzle',       // drizzle-kit 0.x, 2 migrations", "    schema: 'schema:src/db/schema.ts', // the schema of drizzle.config.ts"],
    names: ['baseline', 'schema'],
    equal: "[['baseline', 'schema']]",
    secret: 'DATABASE_URL',
  },
  {
    fixture: 'legacy-drizzle',
    found: [
      '  drizzle.config.ts (read as text: loading it failed (DATABASE_URL is not set)): schema ./drizzle/schema.ts, out drizzle/migrations (drizzle-kit 0.x, 1 migration)',
      '  migrations-legacy: plain, 3 migrations',
      '  production URL: PROD_DATABASE_URL (.github/workflows/deploy.yml)',
    ],
    sources: [
      "    legacy: 'legacy:migrations-legacy',     // plain, 3 migrations",
      "    baseline: 'drizzle:drizzle/migrations', // drizzle-kit 0.x, 1 migration",
      "    schema: 'schema:drizzle/schema.ts',     // the schema of drizzle.config.ts",
    ],
    names: ['legacy', 'baseline', 'schema'],
    equal: "[['legacy', 'baseline'], ['baseline', 'schema']]",
    secret: 'PROD_DATABASE_URL',
  },
  {
    fixture: 'supabase',
    found: [
      '  drizzle.config.ts (loaded): schema ./db/schema.ts, out db/drizzle (drizzle-kit 1.x, 1 migration)',
      '  supabase/migrations: plain, 2 migrations',
      '  production URL: none named (.env.example, workflows): the nightly job reads the secret PROD_DATABASE_URL',
    ],
    sources: [
      "    legacy: 'legacy:supabase/migrations', // plain, 2 migrations",
      "    baseline: 'drizzle:db/drizzle',       // drizzle-kit 1.x, 1 migration",
      "    schema: 'schema:db/schema.ts',        // the schema of drizzle.config.ts",
    ],
    names: ['legacy', 'baseline', 'schema'],
    equal: "[['legacy', 'baseline'], ['baseline', 'schema']]",
    secret: 'PROD_DATABASE_URL',
  },
];

describe('parity init', () => {
  it.each(SHAPES)('$fixture: writes the config and both workflows, a second run changes nothing, then refresh and check pass', async (shape) => {
    const dir = copyOf(shape.fixture);
    const before = filesOf(dir);
    const init = await runMain(['init'], { cwd: dir, env: env() });
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(init.stdout).toMatch(new RegExp(`^found:\\n${escape(shape.found.join('\n'))}\\n\\n${escape(WROTE.join('\n'))}\\n\\nvitest `));
    expect(init.stdout).toContain(`the nightly job reads a read-only production URL from the repository secret ${shape.secret}`);
    expect(init.stdout.endsWith(NEXT)).toBe(true);

    const after = filesOf(dir);
    expect(written(before, after)).toEqual(['.github/workflows/parity-nightly.yml', '.github/workflows/parity.yml', 'parity.config.ts']);
    expect(after['parity.config.ts']).toBe(
      [
        '// Written by `npx parity init`: the sources it found. `npx parity refresh` writes their',
        '// snapshots (review and commit them); `npx parity check` proves nothing drifted from them.',
        "import type { ParityConfig } from 'schema-parity';",
        '',
        'export default {',
        '  sources: {',
        ...shape.sources,
        '  },',
        `  snapshots: [${shape.names.map((n) => `'${n}'`).join(', ')}], // committed as snapshots/<name>.snapshot.json`,
        `  equal: ${shape.equal}, // must be structurally equal`,
        "  baseline: 'baseline', // what `parity adopt` marks as applied: pin it (drizzle:<dir>@<tag>) when you adopt",
        '} satisfies ParityConfig;',
        '',
      ].join('\n'),
    );
    for (const file of ['parity.yml', 'parity-nightly.yml']) expect(workflowErrors(join(dir, '.github', 'workflows', file)), file).toEqual([]);
    const check = after['.github/workflows/parity.yml']!;
    expect(check).toMatch(/^on:\n {2}pull_request:\n/m);
    expect(check).toMatch(/node-version: 20\n/);
    expect(check).toMatch(/- run: npm ci\n {6}- run: npx parity check\n$/);
    const nightly = after['.github/workflows/parity-nightly.yml']!;
    expect(nightly).toMatch(/^on:\n {2}schedule:\n {4}- cron: '17 3 \* \* \*'\n {2}workflow_dispatch:\n/m);
    expect(nightly).toContain(`          PROD_DATABASE_URL: \${{ secrets.${shape.secret} }}\n        run: npx parity nightly --out nightly-out\n`);
    expect(nightly).toMatch(/postgresql-client-\$\{PARITY_PG_MAJOR\}/);

    const again = await runMain(['init', '--yes'], { cwd: dir, env: env() });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(
      'unchanged: parity.config.ts\nunchanged: .github/workflows/parity.yml\nunchanged: .github/workflows/parity-nightly.yml\nnothing changed: every file is already as parity init writes it\n',
    );
    expect(filesOf(dir)).toEqual(after);

    const refresh = await runMain(['refresh'], { cwd: dir, env: env() });
    expect([refresh.code, refresh.stderr]).toEqual([0, '']);
    expect(refresh.stdout).toBe(shape.names.map((n) => `${n}: created snapshots/${n}.snapshot.json\n`).join(''));
    const verified = await runMain(['check'], { cwd: dir, env: env() });
    expect([verified.code, verified.stderr]).toEqual([0, '']);
    const equalPairs = shape.names.includes('legacy') ? ['  ✓ legacy = baseline', '  ✓ baseline = schema'] : ['  ✓ baseline = schema'];
    expect(verified.stdout).toBe(`verdict:\n${[...shape.names.map((n) => `  ✓ ${n} = snapshots/${n}.snapshot.json`), ...equalPairs].join('\n')}\n`);
  });

  it('the equal group it writes catches a schema change without a generated migration', async () => {
    const dir = copyOf('drizzle-only');
    expect((await runMain(['init'], { cwd: dir, env: env() })).code).toBe(0);
    expect((await runMain(['refresh'], { cwd: dir, env: env() })).code).toBe(0);
    const schema = join(dir, 'src', 'db', 'schema.ts');
    writeFileSync(schema, readFileSync(schema, 'utf8').replace("title: text('title').notNull(),", "title: text('title').notNull(),\n  body: text('body'),"));
    const drift = await runMain(['check'], { cwd: dir, env: env() });
    expect(drift.code).toBe(1);
    expect(drift.stdout).toContain('verdict:\n  ✓ baseline = snapshots/baseline.snapshot.json\n  ✗ schema ≠ snapshots/schema.snapshot.json\n  ✗ baseline ≠ schema\n');
  });

  it('has help, and is in the usage', async () => {
    const help = await runParity(['init', '--help']);
    expect([help.code, help.stdout]).toEqual([0, expect.stringMatching(/^parity init \[--dry-run\] \[--yes\] \[--force\]\n/)]);
    expect((await runParity(['--help'])).stdout).toContain('\n  parity init [--dry-run] [--force]      write parity.config.ts and CI workflows for this project\n');
  });

  it('--dry-run prints what it would write and writes nothing', async () => {
    const dir = copyOf('supabase');
    const before = filesOf(dir);
    const run = await runMain(['init', '--dry-run'], { cwd: dir, env: env() });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`\n${WROTE.map((line) => line.replace('wrote', 'would write')).join('\n')}\n`);
    expect(run.stdout).toContain("\n--- parity.config.ts\n// Written by `npx parity init`");
    expect(run.stdout).toContain('\n--- .github/workflows/parity-nightly.yml\n');
    expect(run.stdout.endsWith('\n--dry-run: nothing written\n')).toBe(true);
    expect(filesOf(dir)).toEqual(before);
  });

  it("a drizzle config that calls process.exit() does not end init: it is read as text, saying so (the real binary)", async () => {
    const dir = copyOf('drizzle-only');
    const config = join(dir, 'drizzle.config.ts');
    writeFileSync(config, `if (!process.env.SOME_URL_NOBODY_SETS) { console.error('SOME_URL_NOBODY_SETS is not set'); process.exit(1); }\n${readFileSync(config, 'utf8')}`);
    const run = await runParity(['init', '--dry-run'], { cwd: dir, env: env() });
    expect([run.code, run.stderr]).toEqual([0, 'SOME_URL_NOBODY_SETS is not set\n']);
    expect(run.stdout).toContain('  drizzle.config.ts (read as text: loading it failed (it called process.exit(1))): schema ./src/db/schema.ts, out drizzle (drizzle-kit 0.x, 2 migrations)\n');
    expect(run.stdout.endsWith('\n--dry-run: nothing written\n')).toBe(true);
  });

  it('leaves a file that differs as it is and says so; --force overwrites it and says so', async () => {
    const dir = copyOf('drizzle-only');
    const own = "export default { sources: { head: 'drizzle:drizzle' } };\n";
    writeFileSync(join(dir, 'parity.config.ts'), own);
    const run = await runMain(['init'], { cwd: dir, env: env() });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      '\nexists, left as is: parity.config.ts (it differs from what init would write; --force to overwrite)\nwrote .github/workflows/parity.yml\nwrote .github/workflows/parity-nightly.yml\n',
    );
    expect(readFileSync(join(dir, 'parity.config.ts'), 'utf8')).toBe(own);

    const forced = await runMain(['init', '--force'], { cwd: dir, env: env() });
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('\noverwrote parity.config.ts (--force)\nunchanged: .github/workflows/parity.yml\nunchanged: .github/workflows/parity-nightly.yml\n');
    expect(readFileSync(join(dir, 'parity.config.ts'), 'utf8')).toMatch(/^\/\/ Written by `npx parity init`/);
  });

  it('a project with nothing to compare is an error (exit 2) and nothing is written', async () => {
    const dir = copyOf('drizzle-only');
    rmSync(join(dir, 'drizzle.config.ts'));
    const before = filesOf(dir);
    const run = await runMain(['init'], { cwd: dir, env: env() });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^parity init: nothing to compare in .*: no drizzle\.config\.ts with a schema file or migrations, and no migration folder/);
    expect(filesOf(dir)).toEqual(before);
    expect(existsSync(join(dir, '.github'))).toBe(false);
  });

  it('reads schema and out from a config that cannot be loaded: one path, a list, and drizzle-kit\'s default out', () => {
    expect(readStatically("export default defineConfig({ schema: './src/schema.ts', out: './migrations', dbCredentials: { url: 'postgres://x' } })")).toEqual({
      schema: ['./src/schema.ts'],
      out: './migrations',
    });
    expect(readStatically('export default { schema: ["./a.ts", "./b.ts"] }')).toEqual({ schema: ['./a.ts', './b.ts'], out: 'drizzle' });
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
