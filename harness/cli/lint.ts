import { danglingReferences } from '../lint/dangling.js';
import type { LoadedConfig } from '../config/load.js';
import { resolveSource } from '../config/resolve.js';
import type { Session } from './session.js';

/** `parity lint <source>`: names in bodies and defaults that resolve to nothing. Exit 1 when found. */
export async function lintCommand(session: Session, config: LoadedConfig, positionals: string[]): Promise<number> {
  if (positionals.length !== 1) throw new Error(`expected one source, got ${positionals.length}: parity lint <source>`);
  const source = resolveSource(positionals[0]!, config);
  const found = danglingReferences(await session.snapshot(source));
  if (found.length === 0) {
    session.io.stdout.write(`${source.spec}: no dangling references\n`);
    return 0;
  }
  session.io.stdout.write(`${source.spec}: ${found.length} dangling reference${found.length === 1 ? '' : 's'} (they fail the first time they run):\n`);
  for (const d of found) session.io.stdout.write(`  ${d.in}: ${d.use} ${d.missing} — no such ${d.use === 'relation' || d.use === 'regclass' ? 'relation' : 'sequence'}\n`);
  return 1;
}
