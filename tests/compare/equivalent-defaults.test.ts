import { describe, expect, it } from 'vitest';
import { compare } from '../../harness/compare/compare.js';
import { rateDefaults } from '../../harness/evaluate/rate-defaults.js';
import { legacySource } from '../../harness/sources/legacy.js';
import { snapshotOf } from '../support/catalog.js';
import { folderWith } from '../support/folders.js';
import { testServer } from '../support/scratch.js';

async function ratedDefaults(a: string, b: string) {
  const [sa, sb] = [await snapshotOf(`CREATE TABLE t (${a})`), await snapshotOf(`CREATE TABLE t (${b})`)];
  const rated = await rateDefaults(compare(sa, sb), sb, [], async () => testServer());
  return rated.differences.map((d) => `${d.path} ${d.property} ${d.severity}`);
}

describe('compare: defaults decided by asking the server', () => {
  it.each([
    ['now() vs CURRENT_TIMESTAMP', 'x timestamptz DEFAULT now()', 'x timestamptz DEFAULT CURRENT_TIMESTAMP'],
    ['CURRENT_DATE vs now()::date', 'x date DEFAULT CURRENT_DATE', 'x date DEFAULT now()::date'],
    ['a numeric literal vs its string with a cast', 'x numeric DEFAULT 0', "x numeric DEFAULT '0'::numeric"],
    ['an interval written two ways', "x interval DEFAULT '24 hours'", "x interval DEFAULT '24:00:00'::interval + '0'::interval"],
  ])('%s: reported as cosmetic, not drift', async (_name, a, b) => {
    expect(await ratedDefaults(a, b)).toEqual(['public.t.x default cosmetic']);
  });

  it('a generated column\'s expression is not a default: never evaluated (it names columns), drift, and no warning', async () => {
    const [sa, sb] = [await snapshotOf('CREATE TABLE t (a int, x int GENERATED ALWAYS AS (a * 2) STORED)'), await snapshotOf('CREATE TABLE t (a int, x int GENERATED ALWAYS AS (a * 3) STORED)')];
    const rated = await rateDefaults(compare(sa, sb), sb, [], async () => testServer());
    expect(rated.differences.map((d) => `${d.path} ${d.property} ${d.severity}`)).toEqual(['public.t.x default drift']);
    expect(rated.warnings).toEqual([]);
  });

  it("a SECURITY DEFINER function of the project runs with the probe's rights, not its owner's (the builder, a superuser)", async () => {
    // B's default asks whether it runs as a superuser: as its owner, true, the same as A's
    const fn = "CREATE FUNCTION public.as_superuser() RETURNS boolean LANGUAGE sql SECURITY DEFINER AS $$ SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user $$;";
    const sqlB = `${fn} CREATE TABLE t (x boolean DEFAULT public.as_superuser());`;
    const [sa, sb] = [await snapshotOf(`${fn} CREATE TABLE t (x boolean DEFAULT true);`), await snapshotOf(sqlB)];
    const built = legacySource(folderWith({ 'migrations/001.sql': sqlB }) + '/migrations');
    const rated = await rateDefaults(compare(sa, sb), sb, [undefined, built], async () => testServer());
    expect(rated.differences.map((d) => `${d.path} ${d.property} ${d.severity}`)).toEqual(['public.t.x default drift']);
  });

  it('a column whose name needs quotes, in a table whose name needs quotes, is found too', async () => {
    const [sa, sb] = [await snapshotOf('CREATE TABLE "Odd.Table" ("Created At" timestamptz DEFAULT now())'), await snapshotOf('CREATE TABLE "Odd.Table" ("Created At" timestamptz DEFAULT CURRENT_TIMESTAMP)')];
    const rated = await rateDefaults(compare(sa, sb), sb, [], async () => testServer());
    expect(rated.differences.map((d) => `${d.path} ${d.property} ${d.severity}`)).toEqual(['public."Odd.Table"."Created At" default cosmetic']);
  });

  it.each([
    ['now() vs clock_timestamp()', 'x timestamptz DEFAULT now()', 'x timestamptz DEFAULT clock_timestamp()'],
    ['now() vs statement_timestamp()', 'x timestamptz DEFAULT now()', 'x timestamptz DEFAULT statement_timestamp()'],
    ['two random uuids', 'x uuid DEFAULT gen_random_uuid()', "x uuid DEFAULT md5(random()::text)::uuid"],
    ['0 vs 1', 'x int DEFAULT 0', 'x int DEFAULT 1'],
    ['a default vs none', 'x int DEFAULT 0', 'x int'],
    // equal by the type's = but not the same value: what is stored, shown or added differs
    ['1 mon vs 30 days (date + each differs)', "x interval DEFAULT '1 mon'", "x interval DEFAULT '30 days'"],
    ['1 day vs 24 hours (across a DST change)', "x interval DEFAULT '1 day'", "x interval DEFAULT '24 hours'"],
    ['numeric 1.0 vs 1 (the scale is kept)', 'x numeric DEFAULT 1.0', 'x numeric DEFAULT 1'],
    ['float 0 vs -0', 'x float8 DEFAULT 0', "x float8 DEFAULT '-0'"],
    ['jsonb 1.0 vs 1', 'x jsonb DEFAULT \'{"a": 1.0}\'', 'x jsonb DEFAULT \'{"a": 1}\''],
    // the same in the probe's own session, not in every session
    ['current_user vs session_user (SET ROLE, SECURITY DEFINER)', 'x text DEFAULT current_user', 'x text DEFAULT session_user'],
    ['local time vs UTC time (a session not in UTC)', 'x timestamp DEFAULT now()', "x timestamp DEFAULT (now() AT TIME ZONE 'UTC')"],
  ])('%s: stays drift', async (_name, a, b) => {
    expect(await ratedDefaults(a, b)).toEqual(['public.t.x default drift']);
  });
});
