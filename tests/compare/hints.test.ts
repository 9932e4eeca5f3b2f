import { describe, expect, it, onTestFinished } from 'vitest';
import { takeSnapshot } from '../../harness/catalog/snapshot.js';
import { compare } from '../../harness/compare/compare.js';
import { hintFor, withHints } from '../../harness/compare/hints.js';
import { textReport } from '../../harness/compare/report-text.js';
import { snapshotOf } from '../support/catalog.js';
import { scratchDatabase } from '../support/scratch.js';

const A = `
CREATE TYPE status AS ENUM ('new', 'approved', 'rejected');
CREATE TABLE "Orders" (id int PRIMARY KEY, "order" text NOT NULL DEFAULT 'x', total numeric(10,2), state status);
CREATE INDEX orders_total_idx ON "Orders" (total);
CREATE TABLE items (id int PRIMARY KEY, order_id int CONSTRAINT items_order_fk REFERENCES "Orders" (id) ON DELETE CASCADE, note text);
`;
const B = `
CREATE TYPE status AS ENUM ('new');
CREATE TABLE "Orders" (id int PRIMARY KEY, "order" text, total numeric(12,2), state status, extra int);
CREATE INDEX orders_total ON "Orders" (total);
CREATE TABLE items (id int PRIMARY KEY, order_id int);
`;

describe('hints: what to do about each difference', () => {
  it('the statements a hint gives make B equal to A — and nothing else is needed', async () => {
    const a = await snapshotOf(A);
    const b = await snapshotOf(B);
    const hinted = withHints(compare(a, b), { a: 'legacy', b: 'dump' });
    const statements = hinted.differences.map((d) => d.hint);
    expect(statements).toEqual([
      "ALTER TYPE public.status ADD VALUE 'approved'; ALTER TYPE public.status ADD VALUE 'rejected';",
      'ALTER TABLE public."Orders" DROP COLUMN extra; (or add it to A)',
      'ALTER TABLE public."Orders" ALTER COLUMN "order" SET NOT NULL;',
      'ALTER TABLE public."Orders" ALTER COLUMN "order" SET DEFAULT \'x\'::text;',
      'ALTER TABLE public."Orders" ALTER COLUMN total TYPE numeric(10,2);',
      'ALTER INDEX public.orders_total RENAME TO orders_total_idx;',
      'ALTER TABLE public.items ADD COLUMN note text;',
      'ALTER TABLE public.items ADD CONSTRAINT items_order_fk FOREIGN KEY (order_id) REFERENCES public."Orders"(id) ON DELETE CASCADE;',
    ]);
    // run them (the advice part of a DROP COLUMN aside) on B: A and B are then equal
    const db = await scratchDatabase('hinted', B);
    onTestFinished(() => db.drop());
    for (const hint of statements) await db.client.query(hint!.replace(' (or add it to A)', ''));
    expect(compare(a, await takeSnapshot(db.client)).differences).toEqual([]);
  });

  it('an enum: labels B lacks are added; labels only B has cannot be dropped; the same labels in another order cannot be reordered', () => {
    const enumDiff = (a: string[], b: string[]) => hintFor({ kind: 'changed', object: 'enum', path: 'public.status', property: 'labels', a, b, severity: 'drift' });
    expect(enumDiff(['new', 'done'], ['new'])).toBe("ALTER TYPE public.status ADD VALUE 'done';");
    expect(enumDiff(['new'], ['new', 'z'])).toBe("B has labels A lacks (z): an enum label cannot be dropped; recreate the type in B without them, or add them to A");
    expect(enumDiff(['new', 'done'], ['done', 'new'])).toBe('the same labels in another order: an enum cannot be reordered in place; recreate the type');
  });

  it('what a Drizzle schema cannot declare: keep it in a custom migration', async () => {
    const a = await snapshotOf("CREATE TABLE t (id int); CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$; CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch();");
    const b = await snapshotOf('CREATE TABLE t (id int);');
    const hinted = withHints(compare(a, b), { a: 'legacy', b: 'schema' });
    expect(hinted.differences.map((d) => `${d.object}: ${d.hint}`)).toEqual([
      'trigger: Drizzle cannot declare a trigger: keep it in a custom migration (drizzle-kit generate --custom), so the B side has it too',
      'function: Drizzle cannot declare a function: keep it in a custom migration (drizzle-kit generate --custom), so the B side has it too',
    ]);
    // against another migration folder it is simply the statement B lacks
    expect(hintFor(compare(a, b).differences[0]!, { a: 'legacy', b: 'legacy' })).toBe('CREATE TRIGGER t_touch BEFORE UPDATE ON public.t FOR EACH ROW EXECUTE FUNCTION public.touch();');
    // grouped under a heading of their own, when one side is a Drizzle schema
    expect(textReport(hinted, { a: 'legacy', b: 'schema' })).toBe(
      [
        'legacy vs schema: 2 differences (2 drift, 0 cosmetic)',
        '',
        'Drizzle cannot declare these: keep them in a custom migration (drizzle-kit generate --custom)',
        '  - trigger CREATE TRIGGER t_touch BEFORE UPDATE ON public.t FOR EACH ROW EXECUTE FUNCTION public.touch()  (only in legacy)',
        '  - function public.touch()  (only in legacy)',
      ].join('\n'),
    );
  });
});
