import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SUPPORTED_MAJORS } from '../harness/server/postgres-versions.js';
import { folderWith } from './support/folders.js';
import { workflowErrors } from './support/workflows.js';

const WORKFLOWS = join(import.meta.dirname, '..', '.github', 'workflows');

describe('GitHub workflows', () => {
  it.each(readdirSync(WORKFLOWS).filter((f) => f.endsWith('.yml')))('%s is a valid workflow', (file) => {
    expect(workflowErrors(join(WORKFLOWS, file))).toEqual([]);
  });

  it('the validator catches a broken workflow (so the check above can fail)', () => {
    const dir = folderWith({ 'bad.yml': 'name: bad\non:\n  push:\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        run: echo both\n    stepz: []\n' });
    expect(workflowErrors(join(dir, 'bad.yml'))).not.toEqual([]);
  });

  it('the nightly is a thin wrapper: npm run nightly, the secret as PROD_DATABASE_URL, report and dump uploaded', () => {
    const nightly = readFileSync(join(WORKFLOWS, 'nightly.yml'), 'utf8');
    expect(nightly).toMatch(/schedule:/);
    expect(nightly).toMatch(/workflow_dispatch:/);
    expect(nightly).toMatch(/run: npm ci/);
    expect(nightly).toMatch(/postgresql-client-\$\{PARITY_PG_MAJOR\}/);
    expect(nightly).toMatch(/PROD_DATABASE_URL: \$\{\{ secrets\.\w+ \}\}/);
    expect(nightly).toMatch(/run: npm run nightly/);
    expect(nightly).toMatch(/nightly-out\/production\.sql/);
    expect(nightly).toMatch(/nightly-out\/drift-report\.md/);
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8'));
    expect(pkg.scripts.nightly).toBe('node scripts/nightly.mjs');
    expect(pkg.scripts['dump:prod']).toBe('node bin/parity.js dump');
  });

  it('every supported major runs the catalog-facing tests: a matrix in ci.yml, a loop in .ci/run', () => {
    const ci = readFileSync(join(WORKFLOWS, 'ci.yml'), 'utf8');
    expect(ci).toContain(`major: [${SUPPORTED_MAJORS.join(', ')}]`);
    expect(ci).toMatch(/run: npx parity server install \$\{\{ matrix\.major \}\}\n\s+- run: npx vitest run tests\/catalog tests\/compare tests\/legacy\n/);
    const others = SUPPORTED_MAJORS.filter((m) => m !== 15).join(' ');
    const run = readFileSync(join(import.meta.dirname, '..', '.ci', 'run'), 'utf8');
    expect(run).toContain(`npx parity server install ${others}\n`);
    expect(run).toContain(`for major in ${others}; do\n`);
    expect(run).toContain('PARITY_PG_MAJOR=$major npx vitest run tests/catalog tests/compare tests/legacy\n');
  });

  it('.ci/run runs the container tests on 15 (npm test) and on 17, with images of both built from Debian (bookworm, trixie)', () => {
    const run = readFileSync(join(import.meta.dirname, '..', '.ci', 'run'), 'utf8');
    expect(run).toContain('PARITY_PG_MAJOR=17 npx vitest run tests/container/docker.test.ts\n');
    const docker = readFileSync(join(import.meta.dirname, '..', 'scripts', 'ci', 'docker.sh'), 'utf8');
    expect(docker).toContain('majors="${PARITY_IMAGE_MAJORS:-15 17}"\n');
    const image = readFileSync(join(import.meta.dirname, '..', 'scripts', 'ci', 'postgres-image.sh'), 'utf8');
    expect(image).toContain('  15) suite=bookworm ;;\n  17) suite=trixie ;;\n');
  });
});
