import { closeSync, openSync, readSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Snapshot } from '../catalog/index.js';
import { tokenAt } from '../sql/lexer.js';
import { snapshotOfSource } from '../source-snapshot/of-source.js';
import type { SourceSnapshotOptions } from '../source-snapshot/of-source.js';
import { startServer } from '../server/index.js';
import type { PostgresServer } from '../server/types.js';
import type { Source } from '../sources/source.js';
import { withProcessDefaults, type Io } from './io.js';
import type { Progress } from './progress.js';

/**
 * What a command needs from the outside world: a server, started only when a source needs
 * building (a `url:` source never starts one), and stopped exactly once.
 */
export class Session {
  #server: Promise<PostgresServer> | undefined;
  #closing: Promise<void> | undefined;

  constructor(
    private readonly progress: Progress,
    private options: SourceSnapshotOptions = {},
    /** Whether builds may follow production's major (false when the user set PARITY_PG_MAJOR). */
    private readonly mayFollow = false,
    /** Where the command writes its output and reads its environment. */
    readonly io: Io = withProcessDefaults(),
  ) {}

  server(): Promise<PostgresServer> {
    if (this.#closing) return Promise.reject(new Error('stopping: no new server'));
    this.#server ??= this.progress.step('starting postgres', () => startServer({ major: this.options.major, env: this.io.env }));
    return this.#server;
  }

  /**
   * Builds everything on production's major (`why` says where it was read) instead of the
   * configured one — so that a comparison with production never crosses majors and a dump
   * restores — unless PARITY_PG_MAJOR asks for a major, or a server is running already.
   */
  follow(major: number, why: string): void {
    if (!this.mayFollow || this.#server || major === this.options.major) return;
    this.io.stderr.write(`${why}: building on PostgreSQL ${major}, not ${this.options.major} (PARITY_PG_MAJOR would force one)\n`);
    this.options = { ...this.options, major };
  }

  /** Builds the source if it needs building, snapshots it, and drops what it built. */
  snapshot(source: Source): Promise<Snapshot> {
    const verb = source.kind === 'url' ? 'snapshot' : source.kind === 'snapshot' ? 'read' : 'build + snapshot';
    const log = (line: string) => this.progress.line(`  ${source.label}: ${line}`);
    return this.progress.step(`${verb} ${source.label}`, () => snapshotOfSource(source, () => this.server(), { ...this.options, log }));
  }

  /** Stops the server if one was started; every caller waits for the same stop. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      await Promise.all((this.options.early ?? []).map((read) => read.discard()));
      const server = this.#server;
      this.#server = undefined;
      if (server) await (await server.catch(() => undefined))?.stop();
    })();
    return this.#closing;
  }
}

/**
 * The newest major among the `dump:` sources of `specs` (names of config sources or specs), read
 * from each file's `-- Dumped from database version N` line: the one a session follows.
 */
export function dumpMajor(specs: string[], config: { root: string; sources: Record<string, string> }): { major: number; file: string } | undefined {
  let newest: { major: number; file: string } | undefined;
  for (const name of specs) {
    const spec = config.sources[name] ?? name;
    if (!spec.startsWith('dump:')) continue;
    const file = resolve(config.root, spec.slice('dump:'.length));
    const major = headerMajor(file);
    if (major !== undefined && (newest === undefined || major > newest.major)) newest = { major, file };
  }
  return newest;
}

/** The major in the first lines of a dump (pg_dump's header, kept by the sanitizer), if it says. */
function headerMajor(file: string): number | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const head = Buffer.alloc(4096);
    const text = head.subarray(0, readSync(fd, head, 0, head.length, 0)).toString('utf8');
    return dumpedFromMajor(text);
  } catch {
    return undefined; // a missing file is the build's to report
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * The major of `-- Dumped from database version N` in pg_dump's header comment: a whole-line
 * comment at the top level before the first statement (psql's `\restrict` may come first), as
 * dump/segments.ts reads it (not imported here: it loads the dump parser). The same line in a
 * string, a function body or a block comment is not the header.
 */
function dumpedFromMajor(text: string): number | undefined {
  for (let i = 0; i < text.length; ) {
    const token = tokenAt(text, i);
    i = token.end;
    if (token.kind === 'space') continue;
    if (token.kind === 'comment') {
      const match = text.startsWith('--', token.start) && (token.start === 0 || text[token.start - 1] === '\n') ? /^-- Dumped from database version (\d+)/.exec(text.slice(token.start, token.end)) : null;
      if (match) return Number(match[1]);
      continue;
    }
    if (text[token.start] !== '\\') return undefined;
    // a psql meta-command: the rest of its line (as sql/statements.ts splits it)
    const eol = text.indexOf('\n', token.start);
    i = eol < 0 ? text.length : eol;
  }
  return undefined;
}
