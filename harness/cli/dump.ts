import { relative, resolve } from 'node:path';
import { dumpWithBestPgDump } from '../dump/best-pg-dump.js';
import { DumpError, sanitizeDump } from '../dump/sanitize.js';
import { wantsPrivileges } from '../compare/types.js';
import { writeFileAtomic } from '../util/write-atomic.js';
import { connectionUrl, serverMajor, withClient } from '../server/connect.js';
import { maskUrl } from '../util/redact.js';
import type { LoadedConfig } from '../config/load.js';
import { checkOutputFile } from './output-path.js';
import { withProcessDefaults, type Io } from './io.js';
import type { Progress } from './progress.js';

export const DEFAULT_DUMP_FILE = 'snapshots/production.sql';

/**
 * `parity dump`: real `pg_dump --schema-only` of PROD_DATABASE_URL (or --url), sanitized, written
 * atomically to snapshots/production.sql. Exit 0 written, 2 error.
 */
export async function dumpCommand(config: LoadedConfig, progress: Progress, options: { url?: string; output?: string; /** accepted for old scripts: another major no longer stops the dump */ allowMajorMismatch?: boolean; onMajor?: (major: number) => void }, io: Io = withProcessDefaults()): Promise<number> {
  // -o is from where parity runs; the default file is the project's
  if (options.output) checkOutputFile('-o', options.output, 'production.sql');
  const file = options.output ? resolve(io.cwd, options.output) : resolve(config.root, DEFAULT_DUMP_FILE);
  const given = options.url ?? io.env.PROD_DATABASE_URL;
  if (!given) throw new DumpError('set PROD_DATABASE_URL (a read-only role is enough) or pass --url postgres://…');
  // a postgres:// URL (else refused, saying so), its password encoded as pg_dump and node-postgres must get it
  const url = connectionUrl(given, options.url ? '--url' : 'PROD_DATABASE_URL');
  const major = await progress.step(`connect ${maskUrl(url)}`, () => withClient(url, (client) => serverMajor(client)));
  options.onMajor?.(major);
  // another major than the configured one is no reason to stop: the dump says its major, and
  // comparisons with it build on that major (Session.follow)
  const raw = await dumpWithBestPgDump(major, url, (label, run) => progress.step(label, run), io.env);
  // owners and privileges stay in the file only when a rule compares them
  const text = sanitizeDump(raw, { origin: 'pg_dump output', excludeSchemas: config.dumpExcludeSchemas, keepPrivileges: wantsPrivileges(config.rules) });
  writeFileAtomic(file, text);
  io.stdout.write(`wrote ${relative(io.cwd, file)} (${text.split('\n').length} lines, from PostgreSQL ${major})\n`);
  return 0;
}
