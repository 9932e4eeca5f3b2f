import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { compare } from '../../harness/compare/compare.js';
import { textReport } from '../../harness/compare/report-text.js';
import { resolveCatalog } from '../../harness/vitest/matchers.js';

const ROOT = join(import.meta.dirname, '..', '..');
const MIGRATIONS = join(ROOT, 'drizzle', 'migrations');
const legacy = `legacy:${join(ROOT, 'migrations-legacy')}`;
const baseline = `drizzle:${MIGRATIONS}@0002_triggers_and_comments`;
const head = `drizzle:${MIGRATIONS}`;

describe('the Drizzle baseline is production', () => {
  it('legacy == baseline: zero differences, not even cosmetic, with no ignore rule beyond the bookkeeping', async () => {
    await expect(baseline).toMatchCatalog(legacy, { strict: true });
    const [a, b] = [(await resolveCatalog(legacy)).snapshot, (await resolveCatalog(baseline)).snapshot];
    const comparison = compare(a, b, { columnOrder: 'drift', comments: 'drift', bodyWhitespaceAndComments: 'drift', equivalentDefaults: 'drift' });
    expect(comparison.differences, textReport(comparison, { a: 'legacy', b: 'baseline' })).toEqual([]);
  });

  it('head == legacy + the missing-indexes migration, and nothing else', async () => {
    const [a, b] = [(await resolveCatalog(legacy)).snapshot, (await resolveCatalog(head)).snapshot];
    const comparison = compare(a, b);
    const added = readFileSync(join(MIGRATIONS, '0003_missing_indexes.sql'), 'utf8').match(/CREATE INDEX "([^"]+)" ON "([^"]+)"/g)!.map((line) => {
      const [, index, table] = /CREATE INDEX "([^"]+)" ON "([^"]+)"/.exec(line)!;
      return `extra index public.${table}#${index}`;
    });
    expect(added.length).toBeGreaterThan(20);
    expect(comparison.differences.map((d) => `${d.kind} ${d.object} ${d.path}`).sort()).toEqual(added.sort());
  });

  it('schema.ts has no pending changes: drizzle-kit generate against the committed migrations makes nothing', () => {
    // inside the repo (git-ignored), so the copy resolves drizzle-kit and drizzle-orm as the repo does
    mkdirSync(join(ROOT, '.parity-cache'), { recursive: true });
    const copy = mkdtempSync(join(ROOT, '.parity-cache', 'drizzle-kit-'));
    onTestFinished(() => rmSync(copy, { recursive: true, force: true }));
    cpSync(join(ROOT, 'drizzle'), join(copy, 'drizzle'), { recursive: true });
    cpSync(join(ROOT, 'drizzle.config.ts'), join(copy, 'drizzle.config.ts'));
    const before = readdirSync(join(copy, 'drizzle', 'migrations')).sort();
    const drizzleKit = join(dirname(createRequire(import.meta.url).resolve('drizzle-kit')), 'bin.cjs');
    const output = execFileSync(process.execPath, [drizzleKit, 'generate'], { cwd: copy, encoding: 'utf8' });
    expect(output).toContain('No schema changes, nothing to migrate');
    expect(readdirSync(join(copy, 'drizzle', 'migrations')).sort()).toEqual(before);
    // and the check can fail: a column added to schema.ts is a pending change
    const schema = join(copy, 'drizzle', 'schema.ts');
    writeFileSync(schema, readFileSync(schema, 'utf8').replace("mineName: text('mine_name'),", "mineName: text('mine_name'),\n    region: text('region'),"));
    expect(execFileSync(process.execPath, [drizzleKit, 'generate'], { cwd: copy, encoding: 'utf8' })).not.toContain('No schema changes');
  });
});
