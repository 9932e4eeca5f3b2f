import { createHash } from 'node:crypto';
import { wantsPrivileges } from '../compare/types.js';
import { parseSource, SOURCE_KINDS, SourceSpecError } from '../sources/parse.js';
import type { Source } from '../sources/source.js';
import type { LoadedConfig } from './load.js';
import { maskSecretsIn, registerSecretsOf } from '../util/redact.js';

/**
 * A spec (`legacy:dir`) or a name from the config (`baseline`), as a source labelled by its name.
 * A name's paths are the config's (from its folder); a spec's are the user's (from `cwd`, which
 * is below the config's folder when parity runs in a subfolder).
 */
export function resolveSource(specOrName: string, config: LoadedConfig, cwd = process.cwd()): Source {
  const named = config.sources[specOrName];
  if (named !== undefined) {
    const source = withExcludesInHash(parseSource(named, config.root, dumpOptions(config)), config);
    return { ...source, label: specOrName };
  }
  if (!specOrName.includes(':')) {
    const names = Object.keys(config.sources);
    throw new SourceSpecError(
      `"${specOrName}" is neither a source spec (${SOURCE_KINDS.join(', ')}) nor a source name${config.file ? ` in ${config.file}` : ''}` +
        (names.length ? ` (names: ${names.join(', ')})` : ' (no named sources: add parity.config.ts)'),
    );
  }
  return withExcludesInHash(parseSource(specOrName, cwd, dumpOptions(config)), config);
}

/**
 * What reports, messages and parity.accepted.json call the source given as `specOrName`: its
 * name, or the spec as the user wrote it with every secret masked (its passwords registered
 * first: masked by value, whatever characters they hold) — never the spec as given.
 */
export function sourceLabel(specOrName: string, config: LoadedConfig): string {
  if (config.sources[specOrName] !== undefined) return specOrName;
  registerSecretsOf(specOrName);
  return maskSecretsIn(specOrName);
}

/** How the config restores a dump: its excluded schemas, and its owners and privileges when a rule compares them. */
function dumpOptions(config: LoadedConfig) {
  return { dumpExcludeSchemas: config.dumpExcludeSchemas, dumpPrivileges: wantsPrivileges(config.rules) };
}

/**
 * A dump restored without the config's `dumpExcludeSchemas` is another database: the list is
 * part of what names its template and cached snapshot (else a changed list was a stale hit).
 */
function withExcludesInHash(source: Source, config: LoadedConfig): Source {
  if (source.kind !== 'dump' || config.dumpExcludeSchemas === undefined) return source;
  const excluded = JSON.stringify(config.dumpExcludeSchemas);
  return { ...source, hash: async (context) => createHash('sha256').update(`${await source.hash(context)}\0dumpExcludeSchemas ${excluded}`).digest('hex') };
}
