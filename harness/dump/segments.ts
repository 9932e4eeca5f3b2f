import { parsePgDump } from 'pg-dump-parser';
import { splitStatements } from '../sql/statements.js';

/** One TOC entry of a plain-format pg_dump: its header and the SQL under it. */
export interface DumpSegment {
  type: string;
  name: string;
  schema: string | null;
  owner: string | null;
  sql: string;
  /** 1-based line of the header's first `--` in the text it came from. */
  line: number;
  /** 1-based line where `sql` starts in that text. */
  sqlLine: number;
}

export interface SplitDump {
  /** Everything before the first TOC header (title, version comments, SETs). */
  preamble: string;
  segments: DumpSegment[];
  /** The major of `-- Dumped from database version N…`, when the dump says. */
  sourceMajor: number | undefined;
  /** Whether the dump ends with pg_dump's "dump complete" marker. */
  complete: boolean;
}

// A TOC header: three lines at the start of a line, `--`, `-- Name: …; Type: …`, `--`.
const HEADER = /^--\n-- (.+)\n--$/gm;

/**
 * The TOC types pg-dump-parser's header schema accepts; for these we let it parse the entry. It
 * throws on others (POLICY, ROW SECURITY, RULE, TABLE DATA, …), which we read ourselves.
 */
const PARSER_TYPES = new Set([
  'ACL', 'AGGREGATE', 'CAST', 'COMMENT', 'CONSTRAINT', 'DEFAULT ACL', 'DEFAULT', 'DOMAIN', 'EXTENSION', 'FK CONSTRAINT', 'FUNCTION', 'INDEX',
  'MATERIALIZED VIEW', 'PROCEDURE', 'PUBLICATION', 'SCHEMA', 'SEQUENCE OWNED BY', 'SEQUENCE', 'TABLE ATTACH', 'TABLE', 'TEXT SEARCH CONFIGURATION',
  'TEXT SEARCH DICTIONARY', 'TRIGGER', 'TYPE', 'VIEW',
]);

/**
 * Splits a plain-format dump into its TOC entries, in dump order. A header is comment lines
 * between statements: the same lines inside a statement (a string, a dollar-quoted body) are
 * that statement's text, never the start of an entry.
 */
export function splitDump(text: string): SplitDump {
  const statements = splitStatements(text);
  const insideStatement = (at: number) => {
    // the last statement starting before `at` (statements are in text order)
    let low = 0;
    let high = statements.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (statements[mid]!.start <= at) low = mid + 1;
      else high = mid - 1;
    }
    const statement = statements[high];
    return statement !== undefined && at < statement.end;
  };
  // (data entries are headed "Data for Name: …")
  const headers = [...text.matchAll(HEADER)]
    .filter((m) => /^(Data for )?Name: .*; Type: .*; Schema: .*$/.test(m[1]!) || /^PostgreSQL database dump/.test(m[1]!))
    .filter((m) => !insideStatement(m.index!));
  const entries = headers.filter((m) => /^(Data for )?Name: /.test(m[1]!));
  const first = entries[0]?.index ?? text.length;
  const preamble = text.slice(0, first);
  const version = /^-- Dumped from database version (\d+)/m.exec(text);
  const segments: DumpSegment[] = entries.map((header, i) => {
    const start = header.index!;
    const bodyStart = start + header[0].length;
    const next = headers.find((h) => h.index! > start);
    const body = text.slice(bodyStart, next?.index ?? text.length);
    const line = text.slice(0, start).split('\n').length;
    return { ...parseEntry(header[0], body), line, sqlLine: line + 2 + body.slice(0, body.length - body.trimStart().length).split('\n').length - 1 };
  });
  return { preamble, segments, sourceMajor: version ? Number(version[1]) : undefined, complete: /^-- PostgreSQL database dump complete$/m.test(text) };
}

function parseEntry(header: string, body: string): Omit<DumpSegment, 'line' | 'sqlLine'> {
  const attributes = readHeader(header);
  // The SQL is the body exactly as written, so statement lines match the file. pg-dump-parser
  // reads the header of the types it knows (it throws on others and splits a body at two blank
  // lines, so it is never asked for the SQL). A sanitized dump has no Owner, which it requires.
  if (!PARSER_TYPES.has(attributes.type) || /^COPY .* FROM stdin;$/m.test(body)) return { ...attributes, sql: body.trim() };
  const normalized = `--\n-- Name: ${attributes.name}; Type: ${attributes.type}; Schema: ${attributes.schema ?? '-'}; Owner: ${attributes.owner ?? '-'}\n--`;
  const parsed = parsePgDump(`${normalized}\n\n${body.trim()}`)[0]?.header;
  if (parsed && 'Name' in parsed) return { type: parsed.Type, name: parsed.Name, schema: parsed.Schema, owner: parsed.Owner, sql: body.trim() };
  return { ...attributes, sql: body.trim() };
}

/** `Name: x; Type: T; Schema: s; Owner: o`; a name may itself contain "; ". */
function readHeader(header: string): Pick<DumpSegment, 'type' | 'name' | 'schema' | 'owner'> {
  const line = header.split('\n')[1]!.slice(3);
  const match = /^(?:Data for )?Name: (.*); Type: (.*?); Schema: (.*?)(?:; Owner: (.*))?$/.exec(line);
  if (!match) throw new Error(`unreadable dump header: ${line}`);
  const value = (v: string | undefined) => (v === undefined || v === '-' || v.trim() === '' ? null : v.trim());
  return { name: match[1]!, type: match[2]!, schema: value(match[3]), owner: value(match[4]) };
}
