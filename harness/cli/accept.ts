import { isoDate, toAccepted } from '../accept/apply.js';
import { keyOf, readAcceptedFile, REASON_TO_FILL_IN, writeAcceptedFile } from '../accept/file.js';
import { compare } from '../compare/compare.js';
import { sameValue } from '../compare/match.js';
import type { LoadedConfig } from '../config/load.js';
import { resolveSource, sourceLabel } from '../config/resolve.js';
import { acceptedFileOf } from './accepted.js';
import { rateDefaults } from './rate-defaults.js';
import type { Session } from './session.js';

/**
 * `parity accept <A> <B> [--reason …] [--expires YYYY-MM-DD]`: writes the differences of the pair
 * that fail a check to the accepted-drift file, replacing that pair's entries (a reason already
 * given to an unchanged difference is kept). Review the file, fill in the reasons, commit it:
 * from then on check and diff fail only on what is not in it — or on what in it no longer holds.
 */
export async function acceptCommand(session: Session, config: LoadedConfig, positionals: string[], options: { reason?: string; expires?: string; strict?: boolean }): Promise<number> {
  if (positionals.length !== 2) throw new Error(`expected two sources, got ${positionals.length}: parity accept <A> <B> [--reason "why"] [--expires YYYY-MM-DD]`);
  if (options.expires !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(options.expires) || Number.isNaN(Date.parse(options.expires)))) {
    throw new Error(`--expires ${options.expires}: expected a date YYYY-MM-DD`);
  }
  if (options.expires !== undefined && options.expires <= isoDate(new Date())) throw new Error(`--expires ${options.expires} is not in the future`);
  const { file, shown } = acceptedFileOf(config);
  const existing = readAcceptedFile(file, shown);
  const [a, b] = positionals.map((spec) => resolveSource(spec, config));
  const [sa, sb] = [await session.snapshot(a!), await session.snapshot(b!)];
  const comparison = await rateDefaults(session, compare(sa, sb, config.rules), sb, [a!, b!], config.rules);
  // the pair as diff and check name it: a name, or a spec with its passwords masked
  const pair = [sourceLabel(positionals[0]!, config), sourceLabel(positionals[1]!, config)] as const;
  const failing = comparison.differences.filter((d) => options.strict || d.severity === 'drift');
  const before = new Map(existing.filter((e) => e.pair[0] === pair[0] && e.pair[1] === pair[1]).map((e) => [keyOf(e), e]));
  let kept = 0;
  const entries = failing.map((d) => {
    const fresh = toAccepted(d, pair, options.reason ?? REASON_TO_FILL_IN, options.expires ?? null);
    const old = before.get(keyOf(fresh));
    if (old && sameValue(old.a ?? null, fresh.a) && sameValue(old.b ?? null, fresh.b) && options.reason === undefined && options.expires === undefined) {
      kept++;
      return old;
    }
    return fresh;
  });
  const removed = [...before.values()].filter((e) => !entries.some((x) => keyOf(x) === keyOf(e))).length;
  writeAcceptedFile(file, [...existing.filter((e) => !(e.pair[0] === pair[0] && e.pair[1] === pair[1])), ...entries]);
  const summary = `${entries.length} difference${entries.length === 1 ? '' : 's'} of ${pair[0]} vs ${pair[1]} accepted in ${shown} (${entries.length - kept} new, ${kept} unchanged, ${removed} removed)`;
  const next = entries.some((e) => e.reason === REASON_TO_FILL_IN) ? ': fill in each "reason", review and commit the file' : ': review and commit the file';
  session.io.stdout.write(`${summary}${entries.length > 0 ? next : ''}\n`);
  return 0;
}
