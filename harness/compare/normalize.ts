import { significantTokens, tokenAt } from '../sql/lexer.js';

/**
 * Source text without comments and with runs of whitespace collapsed, leaving string literals,
 * quoted identifiers and dollar-quoted strings untouched: "differs only in whitespace and
 * comments" is decided on this.
 */
export function withoutWhitespaceAndComments(source: string): string {
  let out = '';
  let pendingSpace = false;
  for (let i = 0; i < source.length; ) {
    const { kind, end } = tokenAt(source, i);
    if (kind === 'space' || kind === 'comment') pendingSpace = true;
    else {
      if (pendingSpace && out.length > 0) out += ' ';
      pendingSpace = false;
      out += source.slice(i, end);
    }
    i = end;
  }
  return out;
}

/** `CREATE [UNIQUE] INDEX <name> ON …` / `CREATE [CONSTRAINT] TRIGGER <name> …` with the name cut out. */
export function withoutObjectName(definition: string): string {
  const head = /^CREATE (?:UNIQUE )?INDEX |^CREATE (?:CONSTRAINT )?TRIGGER /.exec(definition)?.[0];
  if (!head) return definition;
  let i = head.length;
  if (definition[i] === '"') {
    i++;
    while (i < definition.length && !(definition[i] === '"' && definition[i + 1] !== '"')) i += definition[i] === '"' ? 2 : 1;
    i++;
  } else {
    while (i < definition.length && definition[i] !== ' ') i++;
  }
  return `${head}<name>${definition.slice(i)}`;
}

/** SQL tokens of a deparsed definition (lexer.ts): names, strings and words whole, `::`, other characters one by one; blanks and comments dropped. */
function sqlTokens(text: string): string[] {
  return significantTokens(text).map(({ start, end }) => text.slice(start, end));
}

const WORD = /^(?:[A-Za-z_][A-Za-z0-9_$]*|"(?:[^"]|"")*")$/;

/**
 * Whether two view queries, `older` deparsed by PostgreSQL 14–15 and `newer` by 16 or later, say
 * the same. Before 16 a view's query also held OLD and NEW, so the server qualified every column
 * of the outermost query ("r.id"); from 16 it does not when that query reads one relation ("id").
 * Sub-selects are deparsed alike by both (qualified). So: the same tokens, except that `older` may
 * put one and the same `<relation>.` before a column that `newer` writes bare, outside sub-selects.
 */
export function sameViewQueryBefore16(older: string, newer: string): boolean {
  const a = sqlTokens(older);
  const b = sqlTokens(newer);
  // one entry per open parenthesis: whether it opens a sub-select
  const parens: boolean[] = [];
  const step = (token: string, next: string | undefined) => {
    if (token === '(') parens.push(next === 'SELECT' || next === 'WITH' || next === 'VALUES');
    else if (token === ')') parens.pop();
  };
  // 16 writes bare names only for an outer query that reads one relation: the qualifier dropped
  // must be that relation's (its alias, else its name); with a join or a list of relations a bare
  // name may be another column (a FULL JOIN's merged one), and nothing is dropped
  const relation = outerRelation(b);
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    // a column: not a function ("s.f(") nor a type ("::s.t"), whose schema 16 writes too
    const dropped =
      relation !== undefined && !parens.includes(true) && a[i] === relation && a[i + 1] === '.' && a[i + 2] === b[j] && WORD.test(b[j]!) &&
      b[j - 1] !== '.' && b[j - 1] !== '::' && b[j + 1] !== '.' && b[j + 1] !== '(';
    if (dropped) {
      i += 2;
      continue;
    }
    if (a[i] !== b[j]) return false;
    step(a[i]!, a[i + 1]);
    i++;
    j++;
  }
  return i === a.length && j === b.length;
}

/** Words that end a query's FROM list at its own level. */
const AFTER_FROM = new Set(['WHERE', 'GROUP', 'HAVING', 'WINDOW', 'ORDER', 'LIMIT', 'OFFSET', 'FETCH', 'FOR', ';']);

/**
 * The one relation the outer query of a deparsed view reads, as its columns are qualified (the
 * alias, else the relation's name; a sub-select's alias): undefined when it reads several (a join,
 * a list), a parenthesized join, or the view is a set operation (UNION …) of queries.
 */
function outerRelation(tokens: readonly string[]): string | undefined {
  let depth = 0;
  let from = -1;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token === '(') depth++;
    else if (token === ')') depth--;
    else if (depth === 0 && (token === 'UNION' || token === 'INTERSECT' || token === 'EXCEPT')) return undefined;
    else if (depth === 0 && token === 'FROM') {
      if (from !== -1) return undefined;
      from = i;
    }
  }
  if (from === -1) return undefined;
  let i = from + 1;
  if (tokens[i] === 'ONLY') i++;
  let reference: string | undefined;
  if (tokens[i] === '(') {
    // a sub-select, whose columns are qualified by its alias; a parenthesized join is several relations
    if (!['SELECT', 'WITH', 'VALUES'].includes(tokens[i + 1] ?? '')) return undefined;
    for (let d = 0; i < tokens.length; i++) {
      if (tokens[i] === '(') d++;
      else if (tokens[i] === ')' && --d === 0) break;
    }
    i++;
    if (tokens[i] === 'AS') i++;
    reference = isName(tokens[i]) ? tokens[i++] : undefined;
  } else {
    let name = tokens[i++];
    while (tokens[i] === '.' && tokens[i + 1] !== undefined) (name = tokens[i + 1]), (i += 2);
    if (tokens[i] === 'AS') i++;
    reference = isName(tokens[i]) ? tokens[i++] : name;
  }
  // nothing more in the FROM list: a comma, a JOIN or an alias' column list is another reading
  if (tokens[i] !== undefined && !AFTER_FROM.has(tokens[i]!)) return undefined;
  return reference !== undefined && WORD.test(reference) ? reference : undefined;
}

/** A name as the server deparses one: lower case unquoted, or quoted (an upper-case word is a keyword: JOIN, WHERE …). */
const isName = (token: string | undefined) => token !== undefined && (/^[a-z_][a-z0-9_$]*$/.test(token) || token.startsWith('"'));

/**
 * Whether two SQL-standard bodies (`BEGIN ATOMIC … END`, `RETURN …`) as the server deparses them
 * differ only in `AS <name>` after a cast, written on one side only, where `<name>` is the column
 * name the server gives that cast itself (`'x'::text` is the column "text"). A body restored from
 * pg_dump holds such aliases where the function it was dumped from had none: the server deparses
 * `SELECT 'x'` as `SELECT 'x'::text`, and that text, parsed again, names its column after the
 * cast, which the deparser then writes out. Any other alias is a difference: a column name can be
 * seen (`row_to_json`, a sub-select's `s.*`).
 */
export function sameStandardBodyBesideCastAliases(a: string, b: string): boolean {
  const ta = sqlTokens(a);
  const tb = sqlTokens(b);
  if (!isStandardBody(ta) || !isStandardBody(tb)) return false;
  let i = 0;
  let j = 0;
  let skipped = false;
  while (i < ta.length || j < tb.length) {
    if (i < ta.length && j < tb.length && ta[i] === tb[j]) {
      i++;
      j++;
    } else if (castAliasAt(ta, i) && tb[j] !== 'AS') {
      i += 2;
      skipped = true;
    } else if (castAliasAt(tb, j) && ta[i] !== 'AS') {
      j += 2;
      skipped = true;
    } else return false;
  }
  return skipped;
}

/** `BEGIN ATOMIC …` or `RETURN …`: a body the server stores parsed and writes itself (PostgreSQL 14+). */
const isStandardBody = (tokens: readonly string[]) => (tokens[0] === 'BEGIN' && tokens[1] === 'ATOMIC') || tokens[0] === 'RETURN';

/** The server's spellings of built-in types (format_type) and the names the parser gives their casts' columns. */
const CAST_COLUMN_NAMES: Readonly<Record<string, string>> = {
  bigint: 'int8',
  integer: 'int4',
  smallint: 'int2',
  real: 'float4',
  'double precision': 'float8',
  boolean: 'bool',
  'character varying': 'varchar',
  character: 'bpchar',
  'bit varying': 'varbit',
  'timestamp without time zone': 'timestamp',
  'timestamp with time zone': 'timestamptz',
  'time without time zone': 'time',
  'time with time zone': 'timetz',
};

/**
 * Whether `tokens[k]` starts `AS <name>` right after a cast (`::<type>`) whose column the parser
 * names `<name>`: a built-in type's internal name (`::bigint` → int8), else the last name of the
 * type (`public.mood` → mood; typmods and `[]` aside).
 */
function castAliasAt(tokens: readonly string[], k: number): boolean {
  if (tokens[k] !== 'AS' || tokens[k + 1] === undefined || !WORD.test(tokens[k + 1]!)) return false;
  const alias = tokens[k + 1]!.startsWith('"') ? tokens[k + 1]!.slice(1, -1).replaceAll('""', '"') : tokens[k + 1]!;
  // the type's words back to `::`: names, dots, typmods in parentheses, array brackets
  const words: string[] = [];
  let depth = 0;
  for (let at = k - 1; at >= 0 && k - at <= 16; at--) {
    const token = tokens[at]!;
    if (token === ')') depth++;
    else if (token === '(') depth--;
    else if (depth > 0 || token === '[' || token === ']' || /^\d+$/.test(token) || token === ',') continue;
    else if (token === '::') {
      if (words.length === 0) return false;
      const name = words.at(-1)!;
      const last = name.startsWith('"') ? name.slice(1, -1).replaceAll('""', '"') : name;
      const spelled = words.filter((word) => word !== '.').join(' ');
      return alias === (CAST_COLUMN_NAMES[spelled] ?? last);
    } else if (token === '.' || WORD.test(token)) words.unshift(token);
    else return false;
    if (depth < 0) return false;
  }
  return false;
}
