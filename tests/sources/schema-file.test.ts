import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { takeSnapshot } from '../../harness/catalog/snapshot.js';
import { withClient } from '../../harness/server/connect.js';
import { buildDatabase } from '../../harness/sources/build.js';
import { schemaFileSource, sqlOfSchemaFile } from '../../harness/sources/schema-file.js';
import { rejectionOf } from '../support/errors.js';
import { folderWith } from '../support/folders.js';
import { testServer } from '../support/scratch.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

describe('schema: source', () => {
  it('applies foreign keys last, so a composite key onto a unique index builds', async () => {
    const file = join(FIXTURES, 'composite-fk', 'schema.ts');
    const statements = await sqlOfSchemaFile(file);
    const fk = statements.findIndex((s) => s.includes('FOREIGN KEY'));
    const index = statements.findIndex((s) => s.includes('CREATE UNIQUE INDEX'));
    expect(index).toBeGreaterThanOrEqual(0);
    expect(fk).toBe(statements.length - 1);
    const built = await buildDatabase(testServer(), schemaFileSource(file));
    try {
      const snapshot = await withClient(built.url, (c) => takeSnapshot(c));
      expect(snapshot.tables.find((t) => t.name === 'deals')?.constraints.map((c) => c.definition)).toContain(
        'FOREIGN KEY (pipeline_id, stage_id) REFERENCES public.stages(pipeline_id, stage_id)',
      );
    } finally {
      await built.drop();
    }
  });

  it('names the file when it is missing or cannot be imported, and the statement when it fails', async () => {
    expect((await rejectionOf(sqlOfSchemaFile('/nowhere/schema.ts'))).message).toBe('/nowhere/schema.ts does not exist');
    const broken = join(folderWith({ 'schema.ts': 'export const x = ;\n' }), 'schema.ts');
    expect((await rejectionOf(sqlOfSchemaFile(broken))).message).toMatch(new RegExp(`^${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: cannot import it: `));
    const corrected = join(import.meta.dirname, '..', '..', 'drizzle', 'schema.ts');
    const error = await rejectionOf(buildDatabase(testServer(), schemaFileSource(corrected)));
    expect(error.message).toMatch(/generated statement \d+ \(CREATE TABLE "requests" \(\): function generate_request_id\(\) does not exist \[42883\]/);
  });
});
