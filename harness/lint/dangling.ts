import type { Snapshot } from '../catalog/model.js';

/** A name in a body or default that resolves to nothing: it fails the first time it is used. */
export interface DanglingReference {
  /** `public.generate_mock_request_id()` or `public.requests.request_id` (a column default). */
  in: string;
  /** The name as written, e.g. `mock_request_id_seq`. */
  missing: string;
  /** How it is used: `nextval`, `currval`, `setval`, `regclass`, `relation` (SQL body). */
  use: string;
}

const SEQUENCE_CALL = /\b(nextval|currval|setval)\s*\(\s*'((?:[^']|'')+)'/gi;
const REGCLASS = /'((?:[^']|'')+)'\s*::\s*regclass/gi;
const SQL_RELATION = /\b(?:from|join|into|update|table)\s+((?:"(?:[^"]|"")+"|[a-z_][a-z0-9_$]*)(?:\s*\.\s*(?:"(?:[^"]|"")+"|[a-z_][a-z0-9_$]*))?)(\s*\()?/gi;
const CTE_NAME = /(?:\bwith(?:\s+recursive)?|,)\s+([a-z_][a-z0-9_$]*)\s+as\s*(?:not\s+)?(?:materialized\s*)?\(/gi;

/**
 * Finds what PostgreSQL checks only at call time: sequences named in nextval/currval/setval,
 * relations in '…'::regclass casts, and relations in SQL-language bodies, in every function body
 * and column default. (The audit found two functions calling nextval on dropped sequences.)
 */
export function danglingReferences(snapshot: Snapshot): DanglingReference[] {
  const sequences = new Set(snapshot.sequences.map((s) => `${s.schema}.${s.name}`));
  const relations = new Set([...snapshot.tables, ...snapshot.views, ...snapshot.sequences].map((r) => `${r.schema}.${r.name}`));
  const found: DanglingReference[] = [];

  const check = (where: string, text: string, schemas: string[], language: string | null) => {
    const exists = (raw: string, set: Set<string>) => {
      const name = parseQualifiedName(raw);
      if (!name) return true; // not a plain name (an expression): nothing to say
      return name.length === 2 ? set.has(name.join('.')) : schemas.some((s) => set.has(`${s}.${name[0]}`));
    };
    for (const [, use, name] of text.matchAll(SEQUENCE_CALL)) {
      const raw = name!.replaceAll("''", "'");
      if (!exists(raw, sequences)) found.push({ in: where, missing: raw, use: use!.toLowerCase() });
    }
    for (const [, name] of text.matchAll(REGCLASS)) {
      const raw = name!.replaceAll("''", "'");
      if (!exists(raw, relations)) found.push({ in: where, missing: raw, use: 'regclass' });
    }
    if (language === 'sql') {
      const ctes = new Set([...stripStrings(text).matchAll(CTE_NAME)].map((m) => m[1]!.toLowerCase()));
      for (const [, name, call] of stripStrings(text).matchAll(SQL_RELATION)) {
        if (call || ctes.has(name!.toLowerCase())) continue; // a function call or a CTE
        if (!exists(name!, relations)) found.push({ in: where, missing: name!, use: 'relation' });
      }
    }
  };

  for (const f of snapshot.functions) {
    const searchPath = f.config.find((c) => c.startsWith('search_path='))?.slice('search_path='.length);
    const schemas = searchPath ? searchPath.split(',').map((s) => s.trim().replace(/^"|"$/g, '')) : ['public', f.schema];
    check(`${f.schema}.${f.name}(${f.identityArguments})`, f.body.join('\n'), schemas, f.language);
  }
  for (const t of snapshot.tables) {
    for (const c of t.columns) if (c.default) check(`${t.schema}.${t.name}.${c.name}`, c.default, ['public', t.schema], null);
  }
  return dedupe(found);
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

/** Blanks string literals so their words are not read as SQL. */
function stripStrings(text: string): string {
  return text.replace(/'(?:[^']|'')*'/g, "''");
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
