// schema-parity's own project: the legacy chain, the Drizzle baseline and head, and the
// aspirational schema.ts the audit found (the evidence the harness must catch).
import type { ParityConfig } from './harness/config/types.js';

export default {
  sources: {
    legacy: 'legacy:migrations-legacy',
    baseline: 'drizzle:drizzle/migrations@0002_triggers_and_comments',
    head: 'drizzle:drizzle/migrations',
    aspirational: 'schema:tests/fixtures/aspirational/schema.ts',
  },
  snapshots: ['legacy', 'baseline', 'head'],
  equal: [['legacy', 'baseline']],
  baseline: 'baseline',
} satisfies ParityConfig;
