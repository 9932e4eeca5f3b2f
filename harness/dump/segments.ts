import { parsePgDump } from 'pg-dump-parser';

/** One TOC entry of a plain-format pg_dump: its header and the SQL under it. */
export interface DumpSegment {
  type: string;
  name: string;
  schema: string | null;
  owner: string | null;
  sql: string;
  /** 1-based line of the header's first `--` in the text it came from. */
  line: number;
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

/** Splits a plain-format dump into its TOC entries, in dump order. */
export function splitDump(text: string): SplitDump {
  // (data entries are headed "Data for Name: …")
  const headers = [...text.matchAll(HEADER)].filter((m) => /^(Data for )?Name: .*; Type: .*; Schema: .*$/.test(m[1]!) || /^PostgreSQL database dump/.test(m[1]!));
  const entries = headers.filter((m) => /^(Data for )?Name: /.test(m[1]!));
  const first = entries[0]?.index ?? text.length;
  const preamble = text.slice(0, first);
  const version = /^-- Dumped from database version (\d+)/m.exec(text);
  const segments: DumpSegment[] = entries.map((header, i) => {
    const start = header.index!;
    const bodyStart = start + header[0].length;
    const next = headers.find((h) => h.index! > start);
    const body = text.slice(bodyStart, next?.index ?? text.length);
    return { ...parseEntry(header[0], body), line: text.slice(0, start).split('\n').length };
  });
  return { preamble, segments, sourceMajor: version ? Number(version[1]) : undefined, complete: /^-- PostgreSQL database dump complete$/m.test(text) };
}

function parseEntry(header: string, body: string): Omit<DumpSegment, 'line'> {
  const attributes = readHeader(header);
  if (!PARSER_TYPES.has(attributes.type) || /^COPY .* FROM stdin;$/m.test(body)) return { ...attributes, sql: body.trim() };
  // pg-dump-parser splits a body at every run of two blank lines (a function body may hold one):
  // its pieces under one header are put back together exactly.
  // (the header goes in normalized: a sanitized dump has no Owner, which the parser requires)
  const normalized = `--\n-- Name: ${attributes.name}; Type: ${attributes.type}; Schema: ${attributes.schema ?? '-'}; Owner: ${attributes.owner ?? '-'}\n--`;
  const objects = parsePgDump(`${normalized}\n\n${body.trim()}`);
  const parsed = objects[0]?.header;
  if (parsed && 'Name' in parsed) {
    return { type: parsed.Type, name: parsed.Name, schema: parsed.Schema, owner: parsed.Owner, sql: objects.map((o) => o.sql).join('\n\n\n') };
  }
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
