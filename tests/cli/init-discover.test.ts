import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { discover } from '../../harness/init/discover.js';
import { planConfig } from '../../harness/init/render.js';

const FORMATS = join(import.meta.dirname, '..', 'fixtures', 'formats');

/** A project holding copies of the format fixtures at the given paths, plus the given files. */
function project(folders: Record<string, string>, files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'parity-init-discover-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  for (const [at, fixture] of Object.entries(folders)) cpSync(join(FORMATS, fixture), join(dir, at), { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

describe('parity init: discovery', () => {
  it("counts a Flyway folder's migrations, not the callbacks Flyway runs around them", async () => {
    const dir = project({ 'src/db/migration': 'flyway' }, { 'src/db/migration/afterMigrate.sql': 'SELECT 1;\n', 'src/db/migration/beforeEachMigrate.sql': 'SELECT 1;\n' });
    expect((await discover(dir)).folders).toEqual([{ dir: 'src/db/migration', format: 'flyway', files: 4 }]);
  });

  it('finds migration folders of every layout with their tool, and skips drizzle folders, dependencies and dot folders', async () => {
    const dir = project(
      {
        'prisma/migrations': 'prisma',
        'db/migrations': 'goose',
        sqitch: 'sqitch',
        'src/db/migration': 'flyway',
        'drizzle/migrations': 'drizzle-v1', // the config's out: the baseline, not a legacy folder
        'old/migrations': 'drizzle-v1', // another drizzle-kit 1.x folder (snapshot.json beside each migration.sql)
        'node_modules/some-lib/migrations': 'plain',
        '.archive/migrations': 'plain',
      },
      { 'drizzle.config.ts': "export default { dialect: 'postgresql', schema: './src/schema', out: './drizzle/migrations' };\n" },
    );
    const found = await discover(dir);
    expect(found.folders).toEqual([
      { dir: 'db/migrations', format: 'goose', files: 4 },
      { dir: 'prisma/migrations', format: 'prisma', files: 4 },
      { dir: 'sqitch', format: 'sqitch', files: 5 },
      { dir: 'src/db/migration', format: 'flyway', files: 4 },
    ]);
    expect(found.drizzle).toMatchObject({ file: 'drizzle.config.ts', how: 'loaded', outDir: 'drizzle/migrations', layout: '1.x', migrations: 4, schemaFile: undefined });
    expect(found.notes).toEqual([
      'drizzle.config.ts: schema ./src/schema is not one .ts file that exists: a schema: source builds one file; add it by hand if one file re-exports the rest',
    ]);
    expect(found.url).toBeUndefined();
    expect(planConfig(found)).toEqual({
      sources: [
        { name: 'legacy', spec: 'legacy:db/migrations', comment: 'goose, 4 migrations' },
        { name: 'legacy2', spec: 'legacy:prisma/migrations', comment: 'prisma, 4 migrations' },
        { name: 'legacy3', spec: 'legacy:sqitch', comment: 'sqitch, 5 migrations' },
        { name: 'legacy4', spec: 'legacy:src/db/migration', comment: 'flyway, 4 migrations' },
        { name: 'baseline', spec: 'drizzle:drizzle/migrations', comment: 'drizzle-kit 1.x, 4 migrations' },
      ],
      equal: [['legacy', 'baseline']],
      baseline: 'baseline',
    });
  });

  it('a drizzle config that throws is read as text, and its error is shown without a password', async () => {
    const dir = project({}, {
      'drizzle.config.ts': "throw new Error('cannot reach postgres://app:hunter2secret@db.internal/app');\nexport default { schema: './schema.ts', out: './drizzle' };\n",
    });
    const found = await discover(dir);
    expect(found.drizzle).toMatchObject({ how: 'read', schema: ['./schema.ts'], out: './drizzle', layout: 'none', loadError: 'cannot reach postgres://app:***@db.internal/app' });
  });

  it('a folder two tools claim is left out with the detector\'s message', async () => {
    const dir = project({}, {
      'migrations/001_a.sql': '-- +goose Up\nCREATE TABLE a (id int);\n',
      'migrations/002_b.sql': '-- migrate:up\nCREATE TABLE b (id int);\n',
    });
    const found = await discover(dir);
    expect(found.folders).toEqual([]);
    expect(found.notes).toEqual([expect.stringMatching(/^migrations: .*files of goose \(001_a\.sql\) and dbmate \(002_b\.sql\) in one folder: say which tool wrote it/)]);
  });

  it('the production URL: a production-named one first, a workflow secret before a .env.example variable, never our own workflows', async () => {
    const url = async (files: Record<string, string>) => (await discover(project({}, files))).url;
    expect(await url({ '.env.example': 'PORT=3000\nDATABASE_URL=postgres://localhost/dev\nPROD_DATABASE_URL=\n' })).toEqual({ name: 'PROD_DATABASE_URL', from: '.env.example' });
    expect(await url({ '.env.example': 'DATABASE_URL=x\n', '.github/workflows/ci.yml': 'env:\n  DB_URL: ${{ secrets.DB_URL }}\n  T: ${{ secrets.NPM_TOKEN }}\n' })).toEqual({
      name: 'DB_URL',
      from: '.github/workflows/ci.yml',
    });
    expect(await url({ '.github/workflows/nightly.yml': 'env:\n  PROD_DATABASE_URL: ${{ secrets.PROD_DATABASE_URL_READONLY }}\n' })).toEqual({
      name: 'PROD_DATABASE_URL_READONLY',
      from: '.github/workflows/nightly.yml',
    });
    expect(await url({ '.github/workflows/parity-nightly.yml': 'env:\n  X: ${{ secrets.PROD_DATABASE_URL }}\n', '.env.example': 'API_KEY=\n' })).toBeUndefined();
  });
});
