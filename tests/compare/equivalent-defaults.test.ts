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

/** As ratedDefaults, with `setup` (a domain, say) before both tables, judged in a copy of B built. */
async function ratedDefaultsBuilt(setup: string, a: string, b: string) {
  const [sqlA, sqlB] = [`${setup} CREATE TABLE t (${a});`, `${setup} CREATE TABLE t (${b});`];
  const [sa, sb] = [await snapshotOf(sqlA), await snapshotOf(sqlB)];
  const built = legacySource(folderWith({ 'migrations/001.sql': sqlB }) + '/migrations');
  const rated = await rateDefaults(compare(sa, sb), sb, [undefined, built], async () => testServer());
  return rated.differences.map((d) => `${d.path} ${d.property} ${d.severity}`);
}

describe('compare: defaults decided by asking the server', () => {
  it.each([
    ['now() vs CURRENT_TIMESTAMP', 'x timestamptz DEFAULT now()', 'x timestamptz DEFAULT CURRENT_TIMESTAMP'],
    ['CURRENT_DATE vs now()::date', 'x date DEFAULT CURRENT_DATE', 'x date DEFAULT now()::date'],
    ['a numeric literal vs its string with a cast', 'x numeric DEFAULT 0', "x numeric DEFAULT '0'::numeric"],
    ['an interval written two ways', "x interval DEFAULT '24 hours'", "x interval DEFAULT '24:00:00'::interval + '0'::interval"],
    ["'a'::character varying vs 'a'", "x text DEFAULT 'a'::varchar", "x text DEFAULT 'a'"],
    ['an immutable call vs its value', "x text DEFAULT lower('A')", "x text DEFAULT 'a'"],
    ['the year of now() written two ways', "x int DEFAULT date_part('year', now())", 'x int DEFAULT EXTRACT(year FROM CURRENT_TIMESTAMP)'],
    ['local date written two ways', 'x date DEFAULT CURRENT_DATE', "x date DEFAULT ('now'::text)::date"],
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

  // Two evaluations that agree now prove nothing about a value that depends on when or where it
  // is evaluated: the same this year, today, for hours each day, or in the probe's own sessions.
  it.each([
    ['this year vs the year of now()', `x int DEFAULT ${new Date().getUTCFullYear()}`, "x int DEFAULT date_part('year', now())"],
    ["today's date vs CURRENT_DATE", 'x date DEFAULT CURRENT_DATE', `x date DEFAULT '${new Date().toISOString().slice(0, 10)}'`],
    ['local date vs UTC date (equal for hours each day)', 'x date DEFAULT CURRENT_DATE', "x date DEFAULT (now() AT TIME ZONE 'UTC')::date"],
    ["the probe's schema vs current_schema()", "x text DEFAULT 'pg_catalog'", 'x text DEFAULT current_schema()'],
    ["current_schema() vs the whole search_path (equal when it holds one schema)", 'x text DEFAULT current_schema()', "x text DEFAULT current_setting('search_path')"],
    ['a constant vs a volatile call that returns it', 'x int DEFAULT 0', 'x int DEFAULT (random() * 0)::int'],
  ])('%s: a value that depends on time or the session is not a constant: drift', async (_name, a, b) => {
    expect(await ratedDefaults(a, b)).toEqual(['public.t.x default drift']);
  });

  it('on a domain column, a constant cast to the domain is still a constant', async () => {
    const domain = 'CREATE DOMAIN amount AS numeric(12,2) CHECK (VALUE >= 0);';
    expect(await ratedDefaultsBuilt(domain, 'x amount DEFAULT 0', 'x amount DEFAULT 0::amount')).toEqual(['public.t.x default cosmetic']);
    expect(await ratedDefaultsBuilt(domain, "x amount DEFAULT '0'::numeric", "x amount DEFAULT '0'::amount")).toEqual(['public.t.x default cosmetic']);
    const year = new Date().getUTCFullYear();
    expect(await ratedDefaultsBuilt(domain, `x amount DEFAULT ${year}`, "x amount DEFAULT date_part('year', now())")).toEqual(['public.t.x default drift']);
    expect(await ratedDefaultsBuilt(domain, `x amount DEFAULT ${year}::amount`, "x amount DEFAULT date_part('year', now())::amount")).toEqual(['public.t.x default drift']);
  });
});
