import type { Snapshot } from '../catalog/model.js';
import { significantTokens, type Token } from '../sql/lexer.js';

/** A name in a body or default that resolves to nothing: it fails the first time it is used. */
export interface DanglingReference {
  /** `public.generate_mock_request_id()` or `public.requests.request_id` (a column default). */
  in: string;
  /** The name as written, e.g. `mock_request_id_seq`. */
  missing: string;
  /** How it is used: `nextval`, `currval`, `setval`, `regclass`, `relation` (SQL body). */
  use: string;
}

const SEQUENCE_FUNCTIONS = new Set(['nextval', 'currval', 'setval']);
const RELATION_BEFORE = new Set(['from', 'join', 'into', 'update', 'table']);

/**
 * Finds what PostgreSQL checks only at call time: sequences named in nextval/currval/setval,
 * relations in '…'::regclass casts, and relations in SQL-language bodies, in every SQL or
 * PL/pgSQL function body and column default. (The audit found two functions calling nextval on
 * dropped sequences.) Bodies are read with the SQL lexer (sql/lexer.ts): a name in a comment is
 * no reference, an apostrophe in a comment starts no string, a string is read as a string. Bodies
 * in other languages are not SQL and are not read.
 */
export function danglingReferences(snapshot: Snapshot): DanglingReference[] {
  const sequences = new Set(snapshot.sequences.map((s) => `${s.schema}.${s.name}`));
  const relations = new Set([...snapshot.tables, ...snapshot.views, ...snapshot.sequences].map((r) => `${r.schema}.${r.name}`));
  const found: DanglingReference[] = [];

  const check = (where: string, text: string, schemas: string[], sqlBody: boolean) => {
    const exists = (raw: string, set: Set<string>) => {
      const name = parseQualifiedName(raw);
      if (!name) return true; // not a plain name (an expression): nothing to say
      return name.length === 2 ? set.has(name.join('.')) : schemas.some((s) => set.has(`${s}.${name[0]}`));
    };
    const tokens = significantTokens(text);
    const word = (i: number) => (tokens[i]?.kind === 'word' ? text.slice(tokens[i]!.start, tokens[i]!.end).toLowerCase() : undefined);
    const symbol = (i: number, c: string) => tokens[i]?.kind === 'symbol' && text.slice(tokens[i]!.start, tokens[i]!.end) === c;
    const string = (i: number) => (tokens[i]?.kind === 'string' ? stringValue(text.slice(tokens[i]!.start, tokens[i]!.end)) : undefined);
    const ctes = sqlBody ? cteNames(text, tokens) : new Set<string>();
    for (let i = 0; i < tokens.length; i++) {
      const use = word(i);
      // nextval('name'): the first argument, a string constant
      if (use && SEQUENCE_FUNCTIONS.has(use) && symbol(i + 1, '(')) {
        const name = string(i + 2);
        if (name !== undefined && !exists(name, sequences)) found.push({ in: where, missing: name, use });
      }
      // 'name'::regclass
      if (tokens[i]!.kind === 'string' && symbol(i + 1, '::') && word(i + 2) === 'regclass') {
        const name = string(i);
        if (name !== undefined && !exists(name, relations)) found.push({ in: where, missing: name, use: 'regclass' });
      }
      // FROM name, JOIN name …: a relation, unless it is called (a function) or a CTE
      if (sqlBody && use && RELATION_BEFORE.has(use)) {
        let at = i + 1;
        if (word(at) === 'only' || word(at) === 'lateral') at++;
        const name = qualifiedNameAt(tokens, at, text);
        if (!name || symbol(name.next, '(')) continue;
        const raw = text.slice(tokens[at]!.start, tokens[name.next - 1]!.end);
        if (name.parts === 1 && ctes.has(raw.toLowerCase())) continue;
        if (!exists(raw, relations)) found.push({ in: where, missing: raw, use: 'relation' });
      }
    }
  };

  for (const f of snapshot.functions) {
    if (f.language !== 'sql' && f.language !== 'plpgsql') continue;
    const searchPath = f.config.find((c) => c.startsWith('search_path='))?.slice('search_path='.length);
    const schemas = searchPath ? searchPath.split(',').map((s) => s.trim().replace(/^"|"$/g, '')) : ['public', f.schema];
    check(`${f.schema}.${f.name}(${f.identityArguments})`, f.body.join('\n'), schemas, f.language === 'sql');
  }
  for (const t of snapshot.tables) {
    for (const c of t.columns) if (c.default) check(`${t.schema}.${t.name}.${c.name}`, c.default, ['public', t.schema], false);
  }
  return dedupe(found);
}

/** A name (word or quoted), optionally `.` a second one, at token `at`: how many parts, and the token after it. */
function qualifiedNameAt(tokens: Token[], at: number, text: string): { parts: number; next: number } | undefined {
  const isName = (i: number) => tokens[i]?.kind === 'word' || tokens[i]?.kind === 'quoted';
  if (!isName(at)) return undefined;
  const dot = tokens[at + 1]?.kind === 'symbol' && text.slice(tokens[at + 1]!.start, tokens[at + 1]!.end) === '.';
  return dot && isName(at + 2) ? { parts: 2, next: at + 3 } : { parts: 1, next: at + 1 };
}

/** The names `WITH [RECURSIVE] name AS [NOT] [MATERIALIZED] (` and `, name AS (` define. */
function cteNames(text: string, tokens: Token[]): Set<string> {
  const word = (i: number) => (tokens[i]?.kind === 'word' ? text.slice(tokens[i]!.start, tokens[i]!.end).toLowerCase() : undefined);
  const names = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const lead = tokens[i]!.kind === 'symbol' ? text.slice(tokens[i]!.start, tokens[i]!.end) : word(i);
    if (lead !== 'with' && lead !== ',') continue;
    let at = i + 1;
    if (lead === 'with' && word(at) === 'recursive') at++;
    const name = word(at);
    if (!name || word(at + 1) !== 'as') continue;
    let j = at + 2;
    if (word(j) === 'not') j++;
    if (word(j) === 'materialized') j++;
    if (tokens[j]?.kind === 'symbol' && text[tokens[j]!.start] === '(') names.add(name);
  }
  return names;
}

/** The value of a string constant `'…'` or `E'…'`; undefined for other kinds (B'', X'', U&''). */
function stringValue(token: string): string | undefined {
  if (token.startsWith("'")) return token.slice(1, token.endsWith("'") && token.length > 1 ? -1 : undefined).replaceAll("''", "'");
  if (/^[eE]'/.test(token)) {
    const body = token.slice(2, token.endsWith("'") && token.length > 2 ? -1 : undefined);
    return body.replace(/''|\\(.)/gs, (m, c: string | undefined) => (m === "''" ? "'" : ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' } as Record<string, string>)[c!] ?? c!));
  }
  return undefined;
}

/** `a`, `s.a`, `"A"."b c"` → lower-cased unless quoted; undefined when not a plain name. */
export function parseQualifiedName(text: string): string[] | undefined {
  const parts: string[] = [];
  const pattern = /\s*(?:"((?:[^"]|"")+)"|([A-Za-z_][A-Za-z0-9_$]*))\s*(\.|$)/y;
  let at = 0;
  while (at < text.length) {
    pattern.lastIndex = at;
    const m = pattern.exec(text);
    if (!m) return undefined;
    parts.push(m[1] !== undefined ? m[1].replaceAll('""', '"') : m[2]!.toLowerCase());
    at = pattern.lastIndex;
    if (m[3] === '') break;
  }
  return parts.length >= 1 && parts.length <= 2 ? parts : undefined;
}

function dedupe(items: DanglingReference[]): DanglingReference[] {
  const seen = new Set<string>();
  return items.filter((d) => {
    const key = `${d.in}\0${d.missing}\0${d.use}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
