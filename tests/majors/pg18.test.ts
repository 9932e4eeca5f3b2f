import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../harness/catalog/model.js';
import { takeSnapshot } from '../../harness/catalog/snapshot.js';
import { compare } from '../../harness/compare/compare.js';
import { textReport } from '../../harness/compare/report-text.js';
import { withClient } from '../../harness/server/connect.js';
import { createDatabase, dropDatabase } from '../../harness/server/databases.js';
import { startServer } from '../../harness/server/index.js';
import type { PostgresServer } from '../../harness/server/types.js';

const BASE = readFileSync(join(import.meta.dirname, 'pg18-base.sql'), 'utf8');
const B = 'public.bookings';

/** Single-point changes of PostgreSQL 18's new features: each is reported, and nothing else. */
const mutations: { name: string; sql: string; expected: string[] }[] = [
  { name: 'a virtual generated column made stored', sql: 'ALTER TABLE bookings DROP COLUMN doubled; ALTER TABLE bookings ADD COLUMN doubled numeric GENERATED ALWAYS AS (price * 2) STORED', expected: [`changed column ${B}.doubled generated`] },
  { name: 'a NOT ENFORCED check made enforced', sql: 'ALTER TABLE bookings DROP CONSTRAINT price_positive; ALTER TABLE bookings ADD CONSTRAINT price_positive CHECK (price > 0)', expected: [`changed constraint ${B}#price_positive definition`] },
  { name: 'a NOT ENFORCED foreign key made enforced', sql: 'ALTER TABLE room_owners ALTER CONSTRAINT room_owners_room_fkey ENFORCED', expected: ['changed constraint public.room_owners#room_owners_room_fkey definition'] },
  {
    name: 'a WITHOUT OVERLAPS key made a plain key',
    sql: 'ALTER TABLE rooms_booked DROP CONSTRAINT rooms_booked_pkey; ALTER TABLE rooms_booked ADD CONSTRAINT rooms_booked_pkey PRIMARY KEY (room, during)',
    // one difference: the index that implements the key is the key (compare counts honestly)
    expected: ['changed constraint public.rooms_booked#rooms_booked_pkey definition'],
  },
  {
    name: 'a PERIOD foreign key made a plain one (and so the key it references)',
    sql: 'ALTER TABLE booking_notes DROP CONSTRAINT booking_notes_booking_fkey; ALTER TABLE bookings DROP CONSTRAINT bookings_pkey; ALTER TABLE bookings ADD CONSTRAINT bookings_pkey PRIMARY KEY (room, during); ALTER TABLE booking_notes ADD CONSTRAINT booking_notes_booking_fkey FOREIGN KEY (room, during) REFERENCES bookings (room, during)',
    expected: ['changed constraint public.booking_notes#booking_notes_booking_fkey definition', `changed constraint ${B}#bookings_pkey definition`],
  },
  { name: 'a NO INHERIT NOT NULL made inheritable', sql: 'ALTER TABLE bookings ALTER CONSTRAINT bookings_qty_required INHERIT', expected: [`missing constraint ${B}#bookings_qty_required`] },
  { name: 'a NO INHERIT NOT NULL renamed', sql: 'ALTER TABLE bookings RENAME CONSTRAINT bookings_qty_required TO bookings_qty_not_null', expected: [`changed constraint ${B}#bookings_qty_required name`] },
  { name: 'a NO INHERIT NOT NULL dropped', sql: 'ALTER TABLE bookings ALTER COLUMN qty DROP NOT NULL', expected: [`changed column ${B}.qty notNull`, `missing constraint ${B}#bookings_qty_required`] },
  { name: 'a NOT NULL added NOT VALID', sql: 'ALTER TABLE bookings ADD CONSTRAINT bookings_price_required NOT NULL price NOT VALID', expected: [`changed column ${B}.price notNull`, `extra constraint ${B}#bookings_price_required`] },
  { name: 'a plain NOT NULL renamed: not reported (names of plain NOT NULLs are not kept)', sql: 'ALTER TABLE bookings RENAME CONSTRAINT bookings_room_not_null TO bookings_room_required', expected: [] },
  { name: 'a uuidv7() default made gen_random_uuid()', sql: 'ALTER TABLE rooms_ref ALTER COLUMN id SET DEFAULT gen_random_uuid()', expected: ['changed column public.rooms_ref.id default'] },
];

describe('PostgreSQL 18 features in the snapshot and the comparison (on 18)', () => {
  let server: PostgresServer;
  let base: string;
  let baseSnapshot: Snapshot;
  beforeAll(async () => {
    server = await startServer({ provider: 'embedded', major: 18 });
    base = await createDatabase(server, 'pg18 base');
    baseSnapshot = await withClient(server.urlFor(base), async (client) => {
      await client.query(BASE);
      return takeSnapshot(client);
    });
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('the snapshot holds them: a virtual column, NOT ENFORCED, WITHOUT OVERLAPS, PERIOD, NO INHERIT NOT NULL, uuidv7()', () => {
    const table = (name: string) => baseSnapshot.tables.find((t) => t.name === name)!;
    const bookings = table('bookings');
    expect(bookings.columns.find((c) => c.name === 'doubled')).toMatchObject({ generated: 'virtual', default: '(price * (2)::numeric)' });
    expect(bookings.constraints.map((c) => [c.name, c.type, c.definition])).toEqual([
      ['bookings_pkey', 'primary key', 'PRIMARY KEY (room, during WITHOUT OVERLAPS)'],
      ['bookings_qty_required', 'not null', 'NOT NULL qty NO INHERIT'],
      ['price_positive', 'check', 'CHECK ((price > (0)::numeric)) NOT ENFORCED'],
    ]);
    expect(table('booking_notes').constraints.map((c) => c.definition)).toEqual(['FOREIGN KEY (room, PERIOD during) REFERENCES public.bookings(room, PERIOD during)']);
    expect(table('room_owners').constraints.map((c) => c.definition)).toEqual(['FOREIGN KEY (room) REFERENCES public.rooms_ref(room) NOT ENFORCED']);
    expect(table('rooms_ref').columns.find((c) => c.name === 'id')!.default).toBe('uuidv7()');
  });

  it.each(mutations.map((m) => [m.name, m] as const))('%s', async (_name, mutation) => {
    const clone = await createDatabase(server, 'pg18 mutation', base);
    try {
      const mutated = await withClient(server.urlFor(clone), async (client) => {
        await client.query(mutation.sql);
        return takeSnapshot(client);
      });
      const comparison = compare(baseSnapshot, mutated);
      const got = comparison.differences.map((d) => [d.kind, d.object, d.path, d.property, d.severity === 'cosmetic' ? 'cosmetic' : undefined].filter(Boolean).join(' '));
      expect(got, textReport(comparison, { a: 'base', b: 'mutated' })).toEqual(mutation.expected);
    } finally {
      await dropDatabase(server, clone);
    }
  });
});
