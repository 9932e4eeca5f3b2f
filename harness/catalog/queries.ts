import { readFileSync } from 'node:fs';

export const QUERY_NAMES = [
  'schemas',
  'extensions',
  'enums',
  'domains',
  'tables',
  'columns',
  'constraints',
  'indexes',
  'triggers',
  'policies',
  'functions',
  'sequences',
  'views',
  'rules',
  'composite-types',
  'range-types',
  'collations',
  'publications',
  'event-triggers',
  'statistics',
  'aggregates',
  'operators',
  'casts',
  'operator-families',
  'operator-classes',
  'text-search-configurations',
  'text-search-dictionaries',
  'foreign-data-wrappers',
  'foreign-servers',
  'foreign-tables',
  'conversions',
  'languages',
  'access-methods',
  'grants',
  'default-privileges',
  'owners',
  'not-compared',
] as const;
export type QueryName = (typeof QUERY_NAMES)[number];

/** The oldest server the queries are written for; older catalogs lack columns they read. */
export const MIN_SERVER_VERSION_NUM = 130000;

// A line ending in `-- pg>=14` is kept only on PostgreSQL 14+, `-- pg<14` only before 14,
// `-- pg>=15 pg<17` on 15 and 16.
const GATE = /\s*--((?:\s*pg(?:>=|<)\d+)+)\s*$/;
const CONDITION = /pg(>=|<)(\d+)/g;

/**
 * The one "not a member of an extension" filter: `NOT_EXTENSION_MEMBER(pg_class, c.oid)` in a
 * query file stands for this (objects an extension created come and go with it). A membership
 * always points at pg_extension: naming it lets the server read pg_depend's reference index
 * instead of scanning the whole of pg_depend once per query (~8 ms at 2,000 tables).
 */
const EXTENSION_MEMBER = /NOT_EXTENSION_MEMBER\((\w+), ([\w.]+)\)/g;
const notExtensionMember = (_: string, catalog: string, oid: string) =>
  `NOT EXISTS (SELECT FROM pg_depend ext WHERE ext.refclassid = 'pg_extension'::regclass AND ext.deptype = 'e' AND ext.classid = '${catalog}'::regclass AND ext.objid = ${oid})`;

/** Keeps the lines of `sql` whose version gate `serverVersionNum` passes, and expands the shared fragments. */
export function gateQuery(sql: string, serverVersionNum: number): string {
  const major = Math.floor(serverVersionNum / 10000);
  return sql
    .split('\n')
    .flatMap((line) => {
      const gate = GATE.exec(line);
      if (!gate) return [line];
      const keep = [...gate[1]!.matchAll(CONDITION)].every(([, op, bound]) => (op === '>=' ? major >= Number(bound) : major < Number(bound)));
      return keep ? [line.slice(0, gate.index)] : [];
    })
    .join('\n')
    .replace(EXTENSION_MEMBER, notExtensionMember);
}

/**
 * `FRAGMENT(name)` in a query file stands for `fragments/<name>.sql`: what two queries read alike
 * (the objects whose grants and owners are compared), written once.
 */
const FRAGMENT = /FRAGMENT\(([\w-]+)\)/g;
export function withFragments(sql: string): string {
  return sql.replace(FRAGMENT, (_, name: string) => readFileSync(new URL(`./fragments/${name}.sql`, import.meta.url), 'utf8').trim());
}

const texts = new Map<QueryName, string>();
/** The text of `queries/<name>.sql`, read once. */
function queryText(name: QueryName): string {
  let text = texts.get(name);
  if (text === undefined) texts.set(name, (text = readFileSync(new URL(`./queries/${name}.sql`, import.meta.url), 'utf8')));
  return text;
}

const cache = new Map<string, string>();

/**
 * A query file may start with `-- only when: <condition>`: a boolean over the catalog that is
 * true whenever the query can return a row (every object a user or an extension makes has an
 * OID of 16384, FirstNormalObjectId, or more; what initdb made has less). A snapshot checks all
 * of them in one query and runs only the queries whose condition holds: most databases have no
 * operators, casts or text search objects, and each query costs its planning even when it finds
 * nothing.
 */
const ONLY_WHEN = /^-- only when: (.+)$/m;
const conditions = new Map<QueryName, string | null>();

/** The condition under which query `name` can return rows, or undefined when it always runs. */
export function onlyWhen(name: QueryName): string | undefined {
  let condition = conditions.get(name);
  if (condition === undefined) {
    condition = ONLY_WHEN.exec(queryText(name))?.[1] ?? null;
    conditions.set(name, condition);
  }
  return condition ?? undefined;
}

/**
 * A branch of a UNION ALL may start with `-- branch only when: <condition>`, a condition under the
 * same rule as a query's: a branch whose condition is false is left out of the query's text, and
 * the server does not plan it. The coverage guard has a branch per catalog (~30), and a database
 * has user objects in few of them: planning all of them was a third of the server's time for a
 * small schema's snapshot.
 * The branches end at a line `)`; `-- no branch holds: <SELECT>` is the one to use when none holds.
 */
const BRANCH = /^\s*-- branch only when: (.+)$/;
const NO_BRANCH = /^\s*-- no branch holds: (.+)$/m;
const UNION_ALL = /^\s*UNION ALL\s*$/;

interface Branched {
  head: string[];
  branches: Array<{ condition: string; lines: string[] }>;
  tail: string[];
}

const branchedTexts = new Map<QueryName, Branched | null>();
/** `queries/<name>.sql` cut into its branches, or null when it has none. */
function branched(name: QueryName): Branched | null {
  let cut = branchedTexts.get(name);
  if (cut !== undefined) return cut;
  const lines = queryText(name).split('\n');
  const first = lines.findIndex((line) => BRANCH.test(line));
  cut = null;
  if (first !== -1) {
    cut = { head: lines.slice(0, first), branches: [], tail: [] };
    for (let at = first; at < lines.length; ) {
      const branchLines: string[] = [lines[at]!];
      const condition = BRANCH.exec(lines[at]!)![1]!;
      at++;
      let end: 'next' | 'tail' | undefined;
      for (; at < lines.length; at++) {
        if (UNION_ALL.test(lines[at]!) && BRANCH.test(lines[at + 1] ?? '')) {
          end = 'next';
          at++;
          break;
        }
        if (/^\)/.test(lines[at]!)) {
          end = 'tail';
          break;
        }
        if (UNION_ALL.test(lines[at]!)) throw new Error(`catalog query ${name}.sql: a UNION ALL branch without "-- branch only when:" (line ${at + 2})`);
        branchLines.push(lines[at]!);
      }
      cut.branches.push({ condition, lines: branchLines });
      if (end === 'tail') {
        cut.tail = lines.slice(at);
        break;
      }
      if (end === undefined) throw new Error(`catalog query ${name}.sql: its branches do not end in a line ")"`);
    }
    if (!NO_BRANCH.test(queryText(name))) throw new Error(`catalog query ${name}.sql: branches, but no "-- no branch holds:" query`);
  }
  branchedTexts.set(name, cut);
  return cut;
}

/** The conditions of query `name`'s branches, in order (none when it has no branches). */
export function branchConditions(name: QueryName): string[] {
  return branched(name)?.branches.map((branch) => branch.condition) ?? [];
}

/** `name`'s text with the branches whose entry in `kept` is false left out (all kept without `kept`). */
function withBranches(name: QueryName, kept: readonly boolean[] | undefined): string {
  const cut = branched(name);
  if (!cut || !kept) return queryText(name);
  const branches = cut.branches.filter((_, at) => kept[at] === true).map((branch) => branch.lines.join('\n'));
  const body = branches.length > 0 ? branches.join('\n  UNION ALL\n') : `  ${NO_BRANCH.exec(queryText(name))![1]!}`;
  return [...cut.head, body, ...cut.tail].join('\n');
}

/**
 * The one query that tells which of `names` can return rows: a column per query that has a
 * condition, named after it, and one per branch that has one (`<name>#<index>`). Only text from the
 * query files goes into it.
 */
export function presenceQuery(names: readonly QueryName[]): { sql: string; names: QueryName[]; branches: Map<QueryName, string[]> } | undefined {
  const gated = names.filter((name) => onlyWhen(name) !== undefined);
  const columns = gated.map((name) => `${onlyWhen(name)} AS "${name}"`);
  const branches = new Map<QueryName, string[]>();
  for (const name of names) {
    const conditions = branchConditions(name);
    if (conditions.length === 0) continue;
    branches.set(name, conditions.map((_, at) => `${name}#${at}`));
    columns.push(...conditions.map((condition, at) => `${condition} AS "${name}#${at}"`));
  }
  if (columns.length === 0) return undefined;
  return { sql: `SELECT ${columns.join(',\n       ')}`, names: gated, branches };
}

/**
 * `IN_SHARE(t.oid)` in a query file keeps the rows of one share of the tables, when the query is
 * read in shares (one per connection); otherwise every row. The share is the oid's hash modulo
 * the number of shares: the tables' own oids are not spread evenly (each table takes several).
 */
const IN_SHARE = /IN_SHARE\(([\w.]+)\)/g;
function inShare(sql: string, share: { index: number; of: number } | undefined): string {
  return sql.replace(IN_SHARE, (_, oid: string) => (share ? `(hashoid(${oid}) & 2147483647) % ${share.of} = ${share.index}` : 'true'));
}

/**
 * The query `name` for a server: `queries/<name>.sql` with its gates and fragments applied (and
 * `share`'s rows only, if given; and only the branches whose entry in `branches` is true, if given).
 */
export function catalogQuery(name: QueryName, serverVersionNum: number, share?: { index: number; of: number }, branches?: readonly boolean[]): string {
  const key = `${name}@${Math.floor(serverVersionNum / 10000)}${share ? `#${share.index}/${share.of}` : ''}${branches ? `:${branches.map((kept) => (kept ? 1 : 0)).join('')}` : ''}`;
  let sql = cache.get(key);
  if (sql === undefined) {
    if (share && !(Number.isInteger(share.index) && Number.isInteger(share.of) && share.index >= 0 && share.index < share.of)) throw new Error(`no share ${share.index} of ${share.of}`);
    const text = withBranches(name, branches);
    // each share would otherwise return every row: the shares together, each row twice
    if (share && !text.includes('IN_SHARE(')) throw new Error(`catalog query ${name}.sql cannot be read in shares: it has no IN_SHARE(…)`);
    sql = inShare(gateQuery(withFragments(text), serverVersionNum), share);
    cache.set(key, sql);
  }
  return sql;
}
