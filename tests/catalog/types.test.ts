import { describe, expect, it } from 'vitest';
import { snapshotOf } from '../support/catalog.js';

describe('catalog: enums and domains', () => {
  it('keeps enum labels in sort order, including values added BEFORE/AFTER later', async () => {
    const snapshot = await snapshotOf(`
      CREATE TYPE status AS ENUM ('draft', 'submitted');
      ALTER TYPE status ADD VALUE 'approved';
      ALTER TYPE status ADD VALUE 'new' BEFORE 'draft';
      ALTER TYPE status ADD VALUE 'checked' AFTER 'submitted';
      CREATE TYPE nothing AS ENUM ();
      COMMENT ON TYPE status IS 'lifecycle';
    `);
    expect(snapshot.enums).toEqual([
      { schema: 'public', name: 'nothing', labels: [], comment: null },
      { schema: 'public', name: 'status', labels: ['new', 'draft', 'submitted', 'checked', 'approved'], comment: 'lifecycle' },
    ]);
  });

  it('describes domains with base type, NOT NULL, default and named checks', async () => {
    const snapshot = await snapshotOf(`
      CREATE DOMAIN email AS text COLLATE "C" NOT NULL DEFAULT 'x@example.com'
        CONSTRAINT has_at CHECK (VALUE LIKE '%@%') CONSTRAINT not_long CHECK (length(VALUE) < 200);
    `);
    expect(snapshot.domains).toEqual([
      {
        schema: 'public',
        name: 'email',
        type: 'text',
        notNull: true,
        default: "'x@example.com'::text",
        collation: '"C"',
        checks: ["has_at CHECK ((VALUE ~~ '%@%'::text))", 'not_long CHECK ((length(VALUE) < 200))'],
        comment: null,
      },
    ]);
  });
});
