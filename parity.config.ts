// schema-parity's own project: the legacy chain, the Drizzle baseline and head, and the
// aspirational schema.ts the audit found (the evidence the harness must catch), and production.
import type { ParityConfig } from './harness/config/types.js';

export default {
  sources: {
    legacy: 'legacy:migrations-legacy',
    baseline: 'drizzle:drizzle/migrations@0002_triggers_and_comments',
    head: 'drizzle:drizzle/migrations',
    aspirational: 'schema:tests/fixtures/aspirational/schema.ts',
    // sanitized pg_dump --schema-only of production (here: of the stand-in), by `npm run dump:prod`
    production: 'dump:snapshots/production.sql',
  },
  snapshots: ['legacy', 'baseline', 'head', 'production'],
  equal: [['legacy', 'baseline', 'production']],
  baseline: 'baseline',
} satisfies ParityConfig;
