import { parsePgDump } from 'pg-dump-parser';
import { tokenAt } from '../sql/lexer.js';
import { splitStatements, type SqlStatement } from '../sql/statements.js';

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
 * Splits a plain-format dump into its TOC entries, in dump order. A header is three comment
 * lines where pg_dump writes them: at the top level, between statements. The same lines inside
 * a statement (a string, a dollar-quoted body) or a block comment are that text, never the start
 * of an entry; so are the version line and the completion marker.
 */
export function splitDump(text: string): SplitDump {
  const statements = splitStatements(text);
  const comments = topLevelLineComments(text, statements);
  // `--`, `-- Name: …; Type: …; Schema: …` (data entries: "Data for Name: …") or `-- PostgreSQL
  // database dump…`, `--`: three comments, each a whole line, one after the other
  const headers: Array<{ start: number; end: number; title: string }> = [];
  for (let i = 0; i + 2 < comments.length; i++) {
    const [open, title, close] = [comments[i]!, comments[i + 1]!, comments[i + 2]!];
    if (open.text !== '--' || close.text !== '--' || title.start !== open.end + 1 || close.start !== title.end + 1) continue;
    const match = /^-- (.+)$/.exec(title.text);
    if (!match) continue;
    i += 2; // a header's lines are its own (the closing `--` opens no other)
    if (/^(Data for )?Name: .*; Type: .*; Schema: .*$/.test(match[1]!) || /^PostgreSQL database dump/.test(match[1]!)) headers.push({ start: open.start, end: close.end, title: match[1]! });
  }
  const first = headers.find((h) => /^(Data for )?Name: /.test(h.title))?.start ?? text.length;
  const preamble = text.slice(0, first);
  const lines = lineCounter(text);
  const segments: DumpSegment[] = [];
  let s = 0; // the first statement not before the entry
  headers.forEach((header, i) => {
    const bodyEnd = headers[i + 1]?.start ?? text.length;
    if (!/^(Data for )?Name: /.test(header.title)) return;
    const body = text.slice(header.end, bodyEnd);
    const line = lines(header.start);
    const segment: DumpSegment = { ...parseEntry(text.slice(header.start, header.end), body), line, sqlLine: line + 2 + body.slice(0, body.length - body.trimStart().length).split('\n').length - 1 };
    segments.push(segment);
    // its statements, as splitting `sql` finds them: those of the text between its header and the
    // next (state is fresh at a header, which stands between statements), moved to `sql`'s start
    while (s < statements.length && statements[s]!.start < header.end) s++;
    const from = s;
    while (s < statements.length && statements[s]!.start < bodyEnd) s++;
    const sqlStart = header.end + body.length - body.trimStart().length;
    const sqlEnd = sqlStart + segment.sql.length;
    const own = statements.slice(from, s);
    // (unless trim() took more than blanks the lexer knows, or a meta-command's line ran past the SQL's end)
    if (text.slice(sqlStart, sqlEnd) === segment.sql && BLANKS.test(text.slice(header.end, sqlStart)) && BLANKS.test(text.slice(sqlEnd, bodyEnd)) && own.every((st) => st.end <= sqlEnd)) {
      statementsOfSegment.set(segment, { sql: segment.sql, statements: own.map((st) => ({ ...st, start: st.start - sqlStart, end: st.end - sqlStart })) });
    }
  });
  return { preamble, segments, sourceMajor: versionIn(text, statements, comments), complete: isComplete(statements, comments) };
}

const BLANKS = /^[ \t\n\r\f\v]*$/;
const statementsOfSegment = new WeakMap<DumpSegment, { sql: string; statements: SqlStatement[] }>();

/** splitStatements(segment.sql), as read when splitDump split the whole dump (a segment made or changed elsewhere is split now). */
export function segmentStatements(segment: DumpSegment): SqlStatement[] {
  const read = statementsOfSegment.get(segment);
  return read !== undefined && read.sql === segment.sql ? read.statements : splitStatements(segment.sql);
}

/**
 * The major of a dump's `-- Dumped from database version N` line: pg_dump's header comment, at
 * the top level before the first statement (a psql meta-command, `\restrict`, may come first).
 * (cli/session.ts reads a file's first bytes the same way, without loading this module's parser.)
 */
function versionIn(text: string, statements: readonly SqlStatement[], comments: readonly LineComment[]): number | undefined {
  const before = statements.find((s) => !s.text.startsWith('\\'))?.start ?? text.length;
  for (const comment of comments) {
    if (comment.start > before) break;
    const match = /^-- Dumped from database version (\d+)/.exec(comment.text);
    if (match) return Number(match[1]);
  }
  return undefined;
}

/** pg_dump's last comment, `-- PostgreSQL database dump complete`, at the top level with no statement after it but `\unrestrict`. */
function isComplete(statements: readonly SqlStatement[], comments: readonly LineComment[]): boolean {
  const marker = comments.findLast((c) => c.text === '-- PostgreSQL database dump complete' || c.text === '-- PostgreSQL database dump complete\r');
  return marker !== undefined && statements.every((s) => s.start < marker.start || /^\\unrestrict\b/.test(s.text));
}

interface LineComment {
  start: number;
  end: number;
  text: string;
}

/** The `--` comments outside statements (and outside block comments) that are a whole line, in text order. */
function topLevelLineComments(text: string, statements: readonly SqlStatement[]): LineComment[] {
  const comments: LineComment[] = [];
  let from = 0;
  for (let s = 0; s <= statements.length; s++) {
    // between statements there are only blanks and comments, whole tokens
    const to = statements[s]?.start ?? text.length;
    for (let i = from; i < to; ) {
      const token = tokenAt(text, i);
      i = token.end;
      if (token.kind === 'comment' && text.startsWith('--', token.start) && (token.start === 0 || text[token.start - 1] === '\n')) {
        comments.push({ start: token.start, end: token.end, text: text.slice(token.start, token.end) });
      }
    }
    from = statements[s]?.end ?? text.length;
  }
  return comments;
}

/** The 1-based line of an index, for indexes asked in increasing order: the text is read once. */
function lineCounter(text: string): (index: number) => number {
  let at = 0;
  let line = 1;
  return (index) => {
    if (index < at) {
      at = 0;
      line = 1;
    }
    for (let i = text.indexOf('\n', at); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) line++;
    at = index;
    return line;
  };
}

function parseEntry(header: string, body: string): Omit<DumpSegment, 'line' | 'sqlLine'> {
  const attributes = readHeader(header);
  // The SQL is the body exactly as written, so statement lines match the file. pg-dump-parser
  // reads the header of the types it knows (it throws on others and splits a body at two blank
  // lines, so it is never asked for the SQL; nor shown the body, where it would take header-like
  // lines of a string or a comment for headers, and throw on their types). A sanitized dump has
  // no Owner, which it requires.
  if (!PARSER_TYPES.has(attributes.type) || /^COPY .* FROM stdin;$/m.test(body)) return { ...attributes, sql: body.trim() };
  // it reads a header as readHeader does unless a value holds ':' or ';' or the name is blank,
  // padded or '-': only then is it asked (zod's parse of every entry was much of a dump's time)
  const { name, schema, owner } = attributes;
  if (![name, schema ?? '', owner ?? ''].some((v) => /[:;]/.test(v)) && name !== '' && name !== '-' && name === name.trim()) {
    return body.trim() === '' ? { ...attributes, sql: '' } : { type: attributes.type, name, schema, owner, sql: body.trim() };
  }
  const normalized = `--\n-- Name: ${attributes.name}; Type: ${attributes.type}; Schema: ${attributes.schema ?? '-'}; Owner: ${attributes.owner ?? '-'}\n--`;
  const parsed = body.trim() === '' ? undefined : parsePgDump(`${normalized}\n\n;`)[0]?.header;
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
