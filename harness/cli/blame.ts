import { blame, chainOf, describeHistory, NotAChainError, type Chain, type ObjectHistory } from '../blame/index.js';
import type { BlameLocation } from '../blame/note.js';
import type { Comparison, Difference } from '../compare/types.js';
import type { LoadedConfig } from '../config/load.js';
import type { Session } from './session.js';
import { maskSecretsIn } from '../util/redact.js';

/** The chain of a spec or a config name (a name's paths are from the config's folder, as resolveSource does). */
export function chainOfSpec(specOrName: string, config: LoadedConfig, cwd = process.cwd()): Chain {
  const named = config.sources[specOrName];
  return named !== undefined ? { ...chainOf(named, config.root), spec: specOrName } : chainOf(specOrName, cwd);
}

/** `parity blame <source> <path>…`: each object's history through the chain. Exit 2 for a path the chain never had. */
export async function blameCommand(session: Session, config: LoadedConfig, positionals: string[]): Promise<number> {
  if (positionals.length < 2) throw new Error(`expected a migration folder and at least one object path, got ${positionals.length} argument${positionals.length === 1 ? '' : 's'}: parity blame <legacy:dir | drizzle:dir | name> <path>… (e.g. public.requests.status)`);
  const [spec, ...paths] = positionals as [string, ...string[]];
  const chain = chainOfSpec(spec, config);
  const histories = await blame(chain, paths, (source) => session.snapshot(source));
  let code = 0;
  for (const history of histories) {
    const lines = describeHistory(history, chain.spec);
    if (history.events.length === 0) {
      session.io.stderr.write(`parity blame: ${lines.join('\n')}\n`);
      code = 2;
    } else session.io.stdout.write(`${lines.join('\n')}\n`);
  }
  return code;
}

/**
 * The comparison with each difference's `blame`: on a side that is a migration folder, the unit
 * that last made the object what it is there (created, altered or dropped it). B is asked first
 * (a report says how B differs from A: when both are folders, B's unit made the difference),
 * then A (an object B never had: the unit of A that made it).
 */
export async function withBlame(session: Session, config: LoadedConfig, comparison: Comparison, specs: [string, string], files?: Map<Difference, string>): Promise<Comparison> {
  const sides: Array<Map<string, ObjectHistory> | undefined> = [];
  const paths = [...new Set(comparison.differences.map((d) => d.path))];
  for (const spec of specs) {
    let chain: Chain;
    try {
      chain = chainOfSpec(spec, config);
    } catch (error) {
      if (error instanceof NotAChainError) {
        sides.push(undefined);
        continue;
      }
      throw error;
    }
    const histories = paths.length > 0 ? await blame(chain, paths, (source) => session.snapshot(source)) : [];
    sides.push(new Map(histories.map((h) => [h.path, h])));
  }
  if (sides.every((side) => side === undefined)) session.io.stderr.write(`parity diff: --blame: neither ${maskSecretsIn(specs[0])} nor ${maskSecretsIn(specs[1])} is a migration folder (legacy:, drizzle:): no difference names a migration\n`);
  const locate = (d: Difference): BlameLocation | undefined => {
    for (const side of [sides[1], sides[0]]) {
      const found = side?.get(d.path)?.introducedBy;
      if (found) return found;
    }
    return undefined;
  };
  return {
    ...comparison,
    differences: comparison.differences.map((d) => {
      const at = locate(d);
      if (!at) return d;
      // the report names the file as the chain does; the absolute path only goes to `files` (annotations)
      const blamed = { ...d, blame: { file: at.file, line: at.line } };
      if (at.path) files?.set(blamed, at.path);
      return blamed;
    }),
  };
}
