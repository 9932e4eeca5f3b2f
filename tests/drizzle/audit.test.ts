import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compare } from '../../harness/compare/compare.js';
import { textReport } from '../../harness/compare/report-text.js';
import type { Comparison } from '../../harness/compare/types.js';
import { resolveCatalog } from '../../harness/vitest/matchers.js';
import { auditFindings } from './audit-findings.cases.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** The audit reproduced: production (legacy) vs the schema.ts the audit found (aspirational). */
describe('the audit, reproduced: legacy vs the aspirational schema.ts', () => {
  let comparison: Comparison;
  let reported: string[];
  beforeAll(async () => {
    const legacy = await resolveCatalog(`legacy:${join(ROOT, 'migrations-legacy')}`);
    const aspirational = await resolveCatalog(`schema:${join(ROOT, 'tests', 'fixtures', 'aspirational', 'schema.ts')}`);
    comparison = compare(legacy.snapshot, aspirational.snapshot);
    reported = comparison.differences.map((d) => [d.kind, d.object, d.path, d.property].filter(Boolean).join(' '));
  });

  it.each(auditFindings.map((f) => [f.audit, f] as const))('%s', (_audit, finding) => {
    for (const difference of finding.differences) expect(reported, textReport(comparison, { a: 'legacy', b: 'aspirational' })).toContain(difference);
  });

  it('reports nothing the audit does not explain, and each finding once', () => {
    const explained = auditFindings.flatMap((f) => f.differences);
    expect(new Set(explained).size).toBe(explained.length);
    expect([...reported].sort()).toEqual([...explained].sort());
  });
});
