import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeSnapshot } from '../../harness/catalog/json.js';
import { beginCatalogRead, takeSnapshot, type SnapshotOptions } from '../../harness/catalog/snapshot.js';
import { connect, withClient } from '../../harness/server/connect.js';
import { EarlyRead, earlyReadsOf } from '../../harness/source-snapshot/early-read.js';
import { runMain } from '../cli/run-parity.js';
import { ROLES_SQL } from '../support/roles.js';
import { scratchDatabase, type ScratchDatabase } from '../support/scratch.js';

/**
 * Tables in public, in `drizzle` (left out by default, brought back by `ignore.schemas: []`) and in
 * another schema; each with parts of every kind a table has, and a view with its own.
 */
const SCHEMA = `
  ${ROLES_SQL}
  CREATE SCHEMA drizzle; CREATE SCHEMA hidden;
  CREATE TABLE drizzle.journal (id int PRIMARY KEY, hash text UNIQUE);
  CREATE TABLE hidden.h (id int PRIMARY KEY, note text CHECK (note <> ''));
  CREATE TABLE t (id int PRIMARY KEY, a text NOT NULL DEFAULT 'x', b int REFERENCES hidden.h (id));
  CREATE INDEX t_a ON t (a) WHERE a <> '';
  CREATE TABLE schema_migrations (version text PRIMARY KEY);
  CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
  CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch();
  ALTER TABLE t ENABLE ROW LEVEL SECURITY; CREATE POLICY t_own ON t USING (a = current_user);
  CREATE RULE t_keep AS ON DELETE TO t DO INSTEAD NOTHING;
  CREATE VIEW v AS SELECT id, a FROM t; CREATE RULE v_keep AS ON DELETE TO v DO INSTEAD NOTHING;
  GRANT SELECT ON t TO parity_reader;
`;

/** Backends connected to `database`, but the asking one. */
async function backendsOn(db: ScratchDatabase): Promise<number> {
  const { rows } = await db.client.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
  return rows[0]!.n;
}

describe('a catalog read begun before its options are known (beginCatalogRead, then takeSnapshot({ begun }))', () => {
  let db: ScratchDatabase;
  beforeAll(async () => {
    db = await scratchDatabase('begun read', SCHEMA);
  });
  afterAll(async () => {
    await db?.drop();
  });

  const OPTIONS: Array<[string, SnapshotOptions]> = [
    ['the default rules', {}],
    ['a schema left out (ignore.schemas)', { ignore: { schemas: ['drizzle', 'hidden'] } }],
    ['a schema left out by default brought back (ignore.schemas: [])', { ignore: { schemas: [] } }],
    ['a table left out (ignore.tables)', { ignore: { tables: ['t'] } }],
    ['privileges and owners read', { privileges: true }],
  ];

  it.each(OPTIONS)('%s: gives the snapshot takeSnapshot gives on a new connection', async (_name, options) => {
    const expected = await withClient(db.url, (client) => takeSnapshot(client, options));
    const begun = await withClient(db.url, async (client) => takeSnapshot(client, { ...options, begun: await beginCatalogRead(client) }));
    expect(serializeSnapshot(begun)).toBe(serializeSnapshot(expected));
  });

  it("brings back a default-ignored schema's tables with their parts (the parts were read in every schema)", async () => {
    const snapshot = await withClient(db.url, async (client) => takeSnapshot(client, { ignore: { schemas: [] }, begun: await beginCatalogRead(client) }));
    const journal = snapshot.tables.find((t) => t.schema === 'drizzle' && t.name === 'journal')!;
    expect(journal.columns.map((c) => c.name)).toEqual(['id', 'hash']);
    expect(journal.constraints.map((c) => c.name)).toEqual(['journal_hash_key', 'journal_pkey']);
  });

  it('refuses to finish a read begun on another client', async () => {
    const [one, other] = [await connect(db.url), await connect(db.url)];
    try {
      const begun = await beginCatalogRead(one);
      await expect(takeSnapshot(other, { begun })).rejects.toThrow('takeSnapshot: the read was begun on another client');
    } finally {
      await Promise.all([one.end(), other.end()]);
    }
  });

  describe('EarlyRead (the CLI begins a url: source with it)', () => {
    it('is taken once, with the options given then; a second take is undefined, and its connection is closed after', async () => {
      const early = new EarlyRead(db.url);
      await early.started;
      const taken = await early.take({ ignore: { tables: ['t'] } });
      expect(serializeSnapshot(taken!)).toBe(serializeSnapshot(await withClient(db.url, (client) => takeSnapshot(client, { ignore: { tables: ['t'] } }))));
      expect(early.take({})).toBeUndefined();
      await expect.poll(() => backendsOn(db)).toBe(0);
    });

    it('discarded unused (the command failed first), leaves no connection behind', async () => {
      const early = new EarlyRead(db.url);
      await early.started;
      expect(await backendsOn(db)).toBeGreaterThan(0);
      await early.discard();
      await expect.poll(() => backendsOn(db)).toBe(0);
      expect(early.take({})).toBeUndefined();
    });

    it('that cannot connect is reported when taken, with the URL masked, and discards quietly', async () => {
      const url = `postgres://someone:s3cret@127.0.0.1:1/${db.name}`;
      const failing = new EarlyRead(url);
      await failing.started;
      const error = await failing.take({})!.catch((e: unknown) => e as Error);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(/^cannot connect to PostgreSQL at /);
      expect((error as Error).message).not.toContain('s3cret');
      await new EarlyRead(url).discard();
    });

    it('are begun for the literal url: (and postgres://) sources only, once per URL', () => {
      const reads = earlyReadsOf(['legacy', `url:${db.url}`, db.url, 'url:mysql://x', 'snapshot:a.json']);
      expect(reads.map((read) => read.url)).toEqual([db.url]);
      return Promise.all(reads.map((read) => read.discard()));
    });
  });

  describe('parity snapshot url: (begun before the config is loaded)', () => {
    it("uses the config's rules: ignore.schemas: [] brings drizzle's tables back, with their columns", async () => {
      const dir = mkdtempSync(join(tmpdir(), 'parity-begun-'));
      try {
        writeFileSync(join(dir, 'parity.config.mjs'), 'export default { sources: {}, ignore: { schemas: [], tables: ["t"] } };\n');
        const out = join(dir, 'snapshot.json');
        const run = await runMain(['snapshot', `url:${db.url}`, '-o', out], { cwd: dir });
        expect([run.code, run.stderr]).toEqual([0, '']);
        const written = readFileSync(out, 'utf8');
        const expected = await withClient(db.url, (client) => takeSnapshot(client, { ignore: { schemas: [], tables: ['t'] } }));
        expect(written).toBe(serializeSnapshot(expected));
        expect(JSON.parse(written).tables.map((t: { schema: string; name: string }) => `${t.schema}.${t.name}`)).toEqual(['drizzle.journal', 'hidden.h', 'public.schema_migrations']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('a config that cannot be loaded: exit 2 with its error, and no connection left to the database', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'parity-begun-'));
      try {
        writeFileSync(join(dir, 'parity.config.mjs'), 'export default { sources: {}, rules: { names: "drfit" } };\n');
        const run = await runMain(['snapshot', `url:${db.url}`, '-o', join(dir, 'snapshot.json')], { cwd: dir });
        expect(run.code).toBe(2);
        expect(run.stderr).toContain('drfit');
        await expect.poll(() => backendsOn(db)).toBe(0);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
