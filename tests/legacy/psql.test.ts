import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { takeSnapshot } from '../../harness/catalog/snapshot.js';
import { listMigrations } from '../../harness/sources/migration-files.js';
import { withClient } from '../../harness/server/connect.js';
import { buildDatabase } from '../../harness/sources/build.js';
import { legacySource } from '../../harness/sources/legacy.js';
import { scratchDatabase, testServer } from '../support/scratch.js';

const LEGACY = join(import.meta.dirname, '..', '..', 'migrations-legacy');

/** A psql binary, if this machine has one (the harness itself never needs it). */
function findPsql(): string | undefined {
  const candidates = [process.env.PARITY_PSQL, ...(process.env.PATH ?? '').split(':').map((d) => join(d, 'psql'))];
  if (existsSync('/usr/lib/postgresql')) {
    for (const major of readdirSync('/usr/lib/postgresql').sort().reverse()) candidates.push(join('/usr/lib/postgresql', major, 'bin', 'psql'));
  }
  return candidates.find((c): c is string => Boolean(c) && existsSync(c!));
}

const psql = findPsql();

describe('migrations-legacy runs the way the legacy runner ran it', () => {
  it.skipIf(!psql)('each file applies with psql -v ON_ERROR_STOP=1 -1 -f, and builds the same schema as the replay', async () => {
    const db = await scratchDatabase('psql');
    try {
      for (const migration of listMigrations(LEGACY)) {
        execFileSync(psql!, ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-1', '-f', migration.path, db.url], { stdio: ['ignore', 'ignore', 'pipe'] });
      }
      const byPsql = await takeSnapshot(db.client);
      const built = await buildDatabase(testServer(), legacySource(LEGACY));
      try {
        expect(byPsql).toEqual(await withClient(built.url, (c) => takeSnapshot(c)));
      } finally {
        await built.drop();
      }
    } finally {
      await db.drop();
    }
  });
});
