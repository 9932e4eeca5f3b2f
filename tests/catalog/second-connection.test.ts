import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeSnapshot } from '../../harness/catalog/json.js';
import { catalogQuery } from '../../harness/catalog/queries.js';
import { SECOND_CONNECTION_FROM_BYTES } from '../../harness/catalog/query-runner.js';
import { beginCatalogRead } from '../../harness/catalog/read.js';
import { takeSnapshot } from '../../harness/catalog/snapshot.js';
import { connect, withClient } from '../../harness/server/connect.js';
// @ts-expect-error — a plain .mjs script without types
import { createSyntheticSchema } from '../../scripts/synthetic-schema.mjs';
import { scratchDatabase, type ScratchDatabase } from '../support/scratch.js';

/** A real client whose statements are recorded (what ran on the second connection, and in what order). */
async function recordedClient(url: string, statements: string[]): Promise<pg.Client> {
  const client = await connect(url);
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    statements.push(textOf(args[0]));
    return query(...args);
  };
  return client;
}

/** A query's text, given as a string or as a query config ({ text, rowMode… }). */
const textOf = (query: unknown): string => (typeof query === 'string' ? query : String((query as { text?: unknown }).text));

const catalogQueries = (statements: string[]) => statements.filter((s) => /\bFROM pg_/.test(s) && !/pg_export_snapshot/.test(s));

type Querying = { query: (...args: unknown[]) => Promise<unknown> };

/**
 * Holds `client`'s first catalog query until `release()`: the second connection is then in the
 * snapshot before the first has run out of queries (on a fast machine, or with a slow connect,
 * the first could otherwise run every query alone). `restore()` puts its query back.
 */
function holdFirstCatalogQuery(client: pg.Client): { release: () => void; restore: () => void } {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const query = client.query.bind(client) as Querying['query'];
  let held = false;
  (client as unknown as Querying).query = async (...args: unknown[]) => {
    if (!held && catalogQueries([textOf(args[0])]).length > 0) {
      held = true;
      await released;
    }
    return query(...args);
  };
  return { release, restore: () => ((client as unknown as Querying).query = query) };
}

/** Calls `joined` once `second` has run its transaction's opening (BEGIN, the snapshot, the settings: one round trip). */
function onceJoined(second: pg.Client, joined: () => void): pg.Client {
  const query = second.query.bind(second) as Querying['query'];
  let count = 0;
  (second as unknown as Querying).query = async (...args: unknown[]) => {
    const result = await query(...args);
    if (++count === 1) joined();
    return result;
  };
  return second;
}

/**
 * A large catalog is read on two connections that share one transaction snapshot; the snapshot
 * is the same as on one connection, sees nothing committed after it began, and any failure to
 * open the second connection leaves the work to the first.
 */
describe('a snapshot read on two connections', () => {
  let db: ScratchDatabase;
  let alone: string;

  beforeAll(async () => {
    db = await scratchDatabase('two connections');
    // ~200 tables: pg_attribute above the size from which a second connection is opened
    await createSyntheticSchema(db.client, 200);
    const { rows } = await db.client.query<{ size: string }>("SELECT pg_relation_size('pg_catalog.pg_attribute') AS size");
    expect(Number(rows[0]!.size)).toBeGreaterThanOrEqual(SECOND_CONNECTION_FROM_BYTES);
    alone = serializeSnapshot(await takeSnapshot(db.client));
  });
  afterAll(() => db?.drop());

  it('gives the same snapshot, byte for byte, with part of the catalog queries run on the second connection', async () => {
    const statements: string[] = [];
    let opened = 0;
    const first = holdFirstCatalogQuery(db.client);
    let snapshot;
    try {
      snapshot = await takeSnapshot(db.client, { connect: async () => (opened++, onceJoined(await recordedClient(db.url, statements), first.release)) });
    } finally {
      first.restore();
    }
    expect(serializeSnapshot(snapshot)).toBe(alone);
    expect(opened).toBe(1);
    // it imported the first connection's snapshot before reading anything
    expect(statements[0]).toMatch(/^BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET TRANSACTION SNAPSHOT '[0-9A-F-]+'; SET LOCAL /);
    expect(catalogQueries(statements).length).toBeGreaterThan(0);
  });

  it('gives the same bytes when the read was begun before its options (beginCatalogRead: the parts on both connections first)', async () => {
    const statements: string[] = [];
    const client = await connect(db.url);
    try {
      const begun = await beginCatalogRead(client, { connect: () => recordedClient(db.url, statements) });
      expect(await begun.second).toBeDefined();
      expect(serializeSnapshot(await takeSnapshot(client, { begun }))).toBe(alone);
      expect(catalogQueries(statements).length).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
  });

  it('runs the constraints right after the indexes of the same tables, on the same connection (it has opened them)', async () => {
    const name = (statement: string) => /^-- (?:only when: .*\n-- )?(Indexes|Table constraints)/.exec(statement)?.[1];
    const onFirst: string[] = [];
    const onSecond: string[] = [];
    const query = db.client.query.bind(db.client) as Querying['query'];
    (db.client as unknown as Querying).query = (...args: unknown[]) => (onFirst.push(textOf(args[0])), query(...args));
    const first = holdFirstCatalogQuery(db.client);
    try {
      await takeSnapshot(db.client, { connect: async () => onceJoined(await recordedClient(db.url, onSecond), first.release) });
    } finally {
      first.restore();
      (db.client as unknown as Querying).query = query;
    }
    // in two shares of the tables (the next test): each share's constraints right after its indexes
    const share = (statement: string) => /% 2 = (\d)/.exec(statement)?.[1];
    const pairs = [onFirst, onSecond].flatMap((statements) =>
      statements.flatMap((statement, at) => (name(statement) === 'Indexes' ? [[share(statement), name(statements[at + 1] ?? ''), share(statements[at + 1] ?? '')]] : [])),
    );
    expect(pairs.sort()).toEqual([
      ['0', 'Table constraints', '0'],
      ['1', 'Table constraints', '1'],
    ]);
    expect([...onFirst, ...onSecond].filter((s) => name(s) !== undefined)).toHaveLength(4);
  });

  it('reads the indexes and constraints in two shares of the tables: together every row once, each table in one share', async () => {
    const version = Number((await db.client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")).rows[0]!.v);
    for (const name of ['indexes', 'constraints'] as const) {
      const read = async (share?: { index: number; of: number }) => (await db.client.query<{ relid: number; name: string }>(catalogQuery(name, version, share), [['information_schema']])).rows;
      const whole = await read();
      const shares = [await read({ index: 0, of: 2 }), await read({ index: 1, of: 2 })];
      expect(whole.length).toBeGreaterThan(400);
      // both shares have rows: the split is by the oid's hash, not its parity
      for (const rows of shares) expect(rows.length).toBeGreaterThan(whole.length / 4);
      const key = (row: { relid: number; name: string }) => `${row.relid}#${row.name}`;
      expect([...shares[0]!, ...shares[1]!].map(key).sort()).toEqual(whole.map(key).sort());
      const tables = shares.map((rows) => new Set(rows.map((row) => row.relid)));
      expect([...tables[0]!].filter((relid) => tables[1]!.has(relid))).toEqual([]);
      // and each share in the query's own order: a table's rows in the order of the whole
      for (const rows of shares) expect(rows.map(key)).toEqual(whole.map(key).filter((k) => rows.some((row) => key(row) === k)));
    }
    // a query that cannot be read in shares is refused, not read twice
    expect(() => catalogQuery('columns', version, { index: 0, of: 2 })).toThrow(/columns\.sql cannot be read in shares: it has no IN_SHARE/);
    expect(() => catalogQuery('indexes', version, { index: 2, of: 2 })).toThrow(/no share 2 of 2/);
  });

  it("waits until the second connection has closed, unless told the database is only read", async () => {
    // the second connection's close is held until released: does the snapshot wait for it?
    const snapshotWith = async (waitForClose: boolean | undefined) => {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const first = holdFirstCatalogQuery(db.client);
      let closing = false;
      let done = false;
      const taking = takeSnapshot(db.client, {
        ...(waitForClose === undefined ? {} : { waitForClose }),
        connect: async () => {
          const second = onceJoined(await connect(db.url), first.release);
          const end = second.end.bind(second);
          (second as unknown as { end: () => Promise<void> }).end = async () => {
            closing = true;
            await held;
            return end();
          };
          return second;
        },
      }).then((snapshot) => ((done = true), snapshot));
      try {
        // until the close is asked for, then a little longer
        while (!closing) await new Promise((resolve) => setTimeout(resolve, 5));
        await new Promise((resolve) => setTimeout(resolve, 50));
        const finishedBeforeClose = done;
        release();
        expect(serializeSnapshot(await taking)).toBe(alone);
        return finishedBeforeClose;
      } finally {
        first.restore();
        release();
      }
    };
    // a template is cloned, a scratch database dropped, right after its snapshot: none may be left
    expect(await snapshotWith(undefined)).toBe(false);
    expect(await snapshotWith(false)).toBe(true);
  });

  it('sees nothing committed after the first connection began: both read one picture of the catalog', async () => {
    const late = 'late_status_idx';
    try {
      const snapshot = await takeSnapshot(db.client, {
        // runs once the first connection has read and exported its snapshot: an index committed
        // now must be in neither connection's picture
        connect: async () => {
          await withClient(db.url, (c) => c.query(`CREATE INDEX ${late} ON bench_t00001 (status)`));
          return connect(db.url);
        },
      });
      expect(serializeSnapshot(snapshot)).toBe(alone);
      const after = await takeSnapshot(db.client);
      expect(after.tables.find((t) => t.name === 'bench_t00001')!.indexes.map((i) => i.name)).toContain(late);
    } finally {
      await db.client.query(`DROP INDEX IF EXISTS ${late}`);
    }
  });

  it('reads everything on the first connection when the second cannot be opened, or cannot import the snapshot', async () => {
    const refused = await takeSnapshot(db.client, {
      connect: () => Promise.reject(new Error('too many connections')),
    });
    expect(serializeSnapshot(refused)).toBe(alone);
    // another database: the server refuses to import a snapshot across databases
    const other = await scratchDatabase('other database');
    const statements: string[] = [];
    try {
      const elsewhere = await takeSnapshot(db.client, { connect: () => recordedClient(other.url, statements) });
      expect(serializeSnapshot(elsewhere)).toBe(alone);
      expect(statements.some((s) => s.includes('; SET TRANSACTION SNAPSHOT '))).toBe(true);
      expect(catalogQueries(statements)).toEqual([]);
    } finally {
      await other.drop();
    }
  });

  it('when the server will not export the snapshot, the transaction is begun anew and the first connection reads everything', async () => {
    // the export, and only it, fails on the server (a real error that aborts the transaction)
    const query = db.client.query.bind(db.client) as (...args: unknown[]) => Promise<unknown>;
    const seen: string[] = [];
    (db.client as unknown as { query: (...args: unknown[]) => Promise<unknown> }).query = (...args: unknown[]) => {
      const text = textOf(args[0]);
      seen.push(text);
      return query(text.includes('pg_export_snapshot') ? 'SELECT pg_export_snapshot() FROM no_such_table' : args[0], ...args.slice(1));
    };
    let opened = 0;
    try {
      const snapshot = await takeSnapshot(db.client, { connect: () => (opened++, connect(db.url)) });
      expect(serializeSnapshot(snapshot)).toBe(alone);
      expect(opened).toBe(0);
      // begun twice: the second transaction is the one that read the catalog
      expect(seen.filter((s) => s.startsWith('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY'))).toHaveLength(2);
      expect(seen).toContain('ROLLBACK');
    } finally {
      (db.client as unknown as { query: unknown }).query = query;
    }
  });

  it('opens no second connection for a small catalog', async () => {
    const small = await scratchDatabase('small catalog', 'CREATE TABLE t (id int PRIMARY KEY)');
    let opened = 0;
    try {
      const snapshot = await takeSnapshot(small.client, { connect: () => (opened++, connect(small.url)) });
      expect(snapshot.tables.map((t) => t.name)).toEqual(['t']);
      expect(opened).toBe(0);
    } finally {
      await small.drop();
    }
  });

  it('a catalog query that fails on the second connection fails the snapshot, and leaves no transaction open', async () => {
    const first = holdFirstCatalogQuery(db.client);
    const failing = takeSnapshot(db.client, {
      connect: async () => {
        const second = onceJoined(await connect(db.url), first.release);
        const query = second.query.bind(second) as (...args: unknown[]) => Promise<unknown>;
        let ended = false;
        // its backend is ended just before its first catalog query, after it imported the snapshot
        (second as unknown as { query: (...args: unknown[]) => Promise<unknown> }).query = async (...args: unknown[]) => {
          if (!ended && catalogQueries([textOf(args[0])]).length > 0) {
            ended = true;
            const { rows } = (await query('SELECT pg_backend_pid() AS pid')) as { rows: Array<{ pid: number }> };
            await withClient(db.url, (c) => c.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]));
          }
          return query(...args);
        };
        return second;
      },
    });
    await expect(failing).rejects.toThrow(/catalog query [\w-]+\.sql failed: /).finally(first.restore);
    const { rows } = await db.client.query<{ isolation: string }>("SELECT current_setting('transaction_isolation') AS isolation");
    expect(rows[0]!.isolation).toBe('read committed');
  });
});
