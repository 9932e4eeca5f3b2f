import { resolve } from 'node:path';
import { selectUnits } from '../sources/legacy.js';
import { migrationFileName, readDrizzleMigrations } from '../sources/drizzle-journal.js';
import { isFormatName, type FormatName } from '../sources/formats/index.js';
import { parseSource } from '../sources/parse.js';
import type { Buildable } from '../sources/source.js';

/** One migration unit of a chain, and the source that builds the chain up to and including it. */
export interface ChainStep {
  /** As messages name it: `013_request_status_approved_rejected.sql`, `0001_x/migration.sql`. */
  file: string;
  /** The file itself (for annotations that point at it). */
  path: string;
  sql: string;
  /** The file's line on which `sql` starts. */
  line: number;
  /** `legacy:<dir>@<version>` / `drizzle:<dir>@<tag>`: a template of its own, by content hash. */
  prefix: Buildable;
}

/** A migration folder's chain, in the order its tool runs it. */
export interface Chain {
  spec: string;
  steps: ChainStep[];
}

/** Only migration folders have a chain to blame. */
export class NotAChainError extends Error {
  override name = 'NotAChainError';
}

/**
 * The chain of a `legacy:` or `drizzle:` spec (paths from `cwd`), up to its bound if it has one.
 * Each step's prefix is the same spec bounded at that unit, so a prefix's template is the one
 * any other command building `…@<version>` makes (and the last is the source's own).
 */
export function chainOf(spec: string, cwd = process.cwd()): Chain {
  const source = parseSource(spec, cwd); // refuses a malformed spec with its own message
  if (source.kind === 'legacy') {
    const rest = spec.slice('legacy:'.length);
    const query = /\?format=([\w-]*)$/.exec(rest);
    const format = query && isFormatName(query[1]!) ? (query[1] as FormatName) : undefined;
    const path = query ? rest.slice(0, query.index) : rest;
    const at = path.lastIndexOf('@');
    const dir = resolve(cwd, at >= 0 ? path.slice(0, at) : path);
    const upTo = at >= 0 ? path.slice(at + 1) : undefined;
    const { units } = selectUnits(dir, { upTo, format });
    const steps = units
      // a callback (Flyway's) runs around the migrations: no version of its own to build up to
      .filter((unit) => !unit.afterVersioned && !unit.callback)
      .map((unit) => ({
        file: unit.file,
        path: resolve(dir, unit.file),
        sql: unit.sql,
        line: unit.line,
        prefix: parseSource(`legacy:${dir}@${unit.version}${format ? `?format=${format}` : ''}`, cwd) as Buildable,
      }));
    return { spec, steps };
  }
  if (source.kind === 'drizzle') {
    const steps = readDrizzleMigrations(source.dir, source.upTo).map((m) => ({
      file: migrationFileName(source.dir, m),
      path: resolve(source.dir, migrationFileName(source.dir, m)),
      sql: m.sql,
      line: 1,
      prefix: parseSource(`drizzle:${source.dir}@${m.tag}`, cwd) as Buildable,
    }));
    return { spec, steps };
  }
  throw new NotAChainError(`${spec}: blame needs a migration folder (legacy:<dir> or drizzle:<dir>); a ${source.kind}: source has no history`);
}
