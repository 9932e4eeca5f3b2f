import type { Discovery } from './discover.js';

/** The config `parity init` writes: named sources, their snapshots, what must be equal, the baseline. */
export interface PlannedConfig {
  sources: Array<{ name: string; spec: string; comment: string }>;
  equal: string[][];
  baseline?: string;
}

/** The secret the nightly job reads when the project names none. */
export const DEFAULT_SECRET = 'PROD_DATABASE_URL';

/**
 * Names: `legacy` for the (first) legacy folder (`legacy2`, … for more), `baseline` for drizzle's
 * migrations folder, `schema` for the schema file. Equal: the legacy chain built what the
 * baseline must reproduce; the migrations drizzle-kit generated must build what the schema file
 * declares.
 */
export function planConfig(found: Discovery): PlannedConfig {
  const sources: PlannedConfig['sources'] = [];
  found.folders.forEach((folder, i) =>
    sources.push({ name: i === 0 ? 'legacy' : `legacy${i + 1}`, spec: `legacy:${folder.dir}`, comment: `${folder.format}, ${folder.files} migration${folder.files === 1 ? '' : 's'}` }),
  );
  const drizzle = found.drizzle;
  const hasBaseline = drizzle !== undefined && drizzle.layout !== 'none' && drizzle.migrations > 0;
  if (hasBaseline) sources.push({ name: 'baseline', spec: `drizzle:${drizzle.outDir}`, comment: `drizzle-kit ${drizzle.layout}, ${drizzle.migrations} migration${drizzle.migrations === 1 ? '' : 's'}` });
  if (drizzle?.schemaFile) sources.push({ name: 'schema', spec: `schema:${drizzle.schemaFile}`, comment: `the schema of ${drizzle.file}` });
  const equal: string[][] = [];
  if (found.folders.length > 0 && hasBaseline) equal.push(['legacy', 'baseline']);
  if (hasBaseline && drizzle?.schemaFile) equal.push(['baseline', 'schema']);
  return { sources, equal, baseline: hasBaseline ? 'baseline' : undefined };
}

export function renderConfig(plan: PlannedConfig): string {
  const width = Math.max(...plan.sources.map((s) => `${s.name}: '${s.spec}',`.length));
  const list = (names: string[]) => `[${names.map((n) => `'${n}'`).join(', ')}]`;
  const lines = [
    '// Written by `npx parity init`: the sources it found. `npx parity refresh` writes their',
    '// snapshots (review and commit them); `npx parity check` proves nothing drifted from them.',
    "import type { ParityConfig } from 'schema-parity';",
    '',
    'export default {',
    '  sources: {',
    ...plan.sources.map((s) => `    ${`${s.name}: '${s.spec}',`.padEnd(width)} // ${s.comment}`),
    '  },',
    `  snapshots: ${list(plan.sources.map((s) => s.name))}, // committed as snapshots/<name>.snapshot.json`,
  ];
  if (plan.equal.length > 0) lines.push(`  equal: [${plan.equal.map(list).join(', ')}], // must be structurally equal`);
  if (plan.baseline) lines.push(`  baseline: '${plan.baseline}', // what \`parity adopt\` marks as applied: pin it (drizzle:<dir>@<tag>) when you adopt`);
  lines.push('} satisfies ParityConfig;', '');
  return lines.join('\n');
}

const SETUP = `      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm`;

/** Pull requests: every source still builds what its committed snapshot says, and the equal groups hold. */
export function renderCheckWorkflow(): string {
  return `# Written by \`npx parity init\`: on every pull request, every source still builds the schema its
# committed snapshot (snapshots/) says, and the sources that must be equal are.
name: parity

on:
  pull_request:

permissions:
  contents: read

jobs:
  check:
    runs-on: ubuntu-latest
    timeout-minutes: 30
    steps:
${SETUP}
      - run: npm ci
      - run: npx parity check
`;
}

/** Every night: dump production (a read-only URL from a secret) and prove it equal; the report as an artifact. */
export function renderNightlyWorkflow(secret: string): string {
  return `# Written by \`npx parity init\`: every night, dump production (a read-only URL from the secret
# ${secret}) and prove it is still the reviewed schema; the drift report is the job summary.
name: parity-nightly

on:
  schedule:
    - cron: '17 3 * * *'
  workflow_dispatch:

permissions:
  contents: read

concurrency:
  group: parity-nightly
  cancel-in-progress: false

jobs:
  nightly:
    runs-on: ubuntu-latest
    timeout-minutes: 30
    env:
      # the harness builds on this major; production must run it too (the job says so if not)
      PARITY_PG_MAJOR: '15'
    steps:
${SETUP}
      - name: Install pg_dump of the production major
        run: |
          sudo install -d /usr/share/postgresql-common/pgdg
          sudo curl -fsSL -o /usr/share/postgresql-common/pgdg/apt.postgresql.org.asc https://www.postgresql.org/media/keys/ACCC4CF8.asc
          echo "deb [signed-by=/usr/share/postgresql-common/pgdg/apt.postgresql.org.asc] https://apt.postgresql.org/pub/repos/apt $(lsb_release -cs)-pgdg main" | sudo tee /etc/apt/sources.list.d/pgdg.list
          sudo apt-get update
          sudo apt-get install -y "postgresql-client-\${PARITY_PG_MAJOR}"
      - run: npm ci
      - name: Dump production and prove it equal
        env:
          PROD_DATABASE_URL: \${{ secrets.${secret} }}
        run: npx parity nightly --out nightly-out
      - name: Upload the sanitized dump and the drift report
        if: always()
        uses: actions/upload-artifact@v4
        with:
          name: parity-nightly
          path: |
            nightly-out/production.sql
            nightly-out/drift-report.md
          if-no-files-found: warn
          retention-days: 30
`;
}

/** What to add to a vitest setup to use the matchers: printed, never written into the project's own config. */
export function vitestLines(plan: PlannedConfig): string {
  // the matchers take source specs (not config names)
  const spec = (name: string) => plan.sources.find((s) => s.name === name)?.spec ?? name;
  const [a, b] = plan.equal[0] ?? [plan.sources[0]!.name];
  const example = b ? `await expect('${spec(a!)}').toMatchCatalog('${spec(b)}');` : `await expect('${spec(a!)}').toMatchCatalogSnapshot('snapshots/${a}.snapshot.json');`;
  return [
    'vitest (optional: `npx parity check` in CI needs none of it): in vitest.config.ts add',
    "  test: { setupFiles: ['schema-parity/vitest'], globalSetup: ['schema-parity/vitest/global-setup'] }",
    `and in a test: ${example}`,
  ].join('\n');
}
