import { resolve } from 'node:path';
import { maskUrl } from '../util/redact.js';
import { drizzleSource } from './drizzle.js';
import { dumpSource } from './dump.js';
import { FORMAT_NAMES, isFormatName } from './formats/index.js';
import { legacySource } from './legacy.js';
import { schemaFileSource } from './schema-file.js';
import type { Source } from './source.js';
import { ParityError, type ErrorFields } from '../errors.js';

/** A source spec the user wrote that names no known kind, or is malformed. */
export class SourceSpecError extends ParityError {
  override name = 'SourceSpecError';
  constructor(message: string, options?: ErrorOptions & ErrorFields) {
    super('source-spec', message, options);
  }
}

export const SOURCE_KINDS = ['legacy:<dir>[@<version>][?format=<tool>]', 'drizzle:<dir>[@<tag>]', 'schema:<file.ts>', 'dump:<file.sql>', 'url:<postgres url>', 'snapshot:<file.json>'];

/** `legacy:<dir>[@<version>][?format=<tool>]`, `url:<postgres url>` or `snapshot:<file>`; paths are resolved from `cwd`. */
export function parseSource(spec: string, cwd = process.cwd(), options: { dumpExcludeSchemas?: readonly string[]; /** restore a dump's owners and privileges */ dumpPrivileges?: boolean } = {}): Source {
  const colon = spec.indexOf(':');
  const kind = colon > 0 ? spec.slice(0, colon) : '';
  const rest = spec.slice(colon + 1);
  switch (kind) {
    case 'legacy': {
      // legacy:<dir>[@<version>][?format=<tool>]
      const query = /\?format=([\w-]*)$/.exec(rest);
      const path = query ? rest.slice(0, query.index) : rest;
      const format = query?.[1];
      if (format !== undefined && !isFormatName(format)) {
        throw new SourceSpecError(`source "${spec}": format "${format}" is not one of: ${FORMAT_NAMES.join(', ')}`);
      }
      const at = path.lastIndexOf('@');
      const dir = at >= 0 ? path.slice(0, at) : path;
      const version = at >= 0 ? path.slice(at + 1) : undefined;
      if (!dir) throw new SourceSpecError(`source "${spec}": name a folder, e.g. legacy:migrations-legacy`);
      // numbers (7, 20250331002414), Flyway versions (1.1, 1_1), Sqitch changes and tags
      if (version !== undefined && !/^(\d+(?:[._]\d+)*|[A-Za-z_][\w.-]*)$/.test(version)) {
        throw new SourceSpecError(`source "${spec}": "@${version}" is not a version (e.g. legacy:migrations-legacy@7, legacy:db/migration@1.1, legacy:sqitch@add_users)`);
      }
      return legacySource(resolve(cwd, dir), { upTo: version === undefined ? undefined : /^\d+$/.test(version) ? BigInt(version) : version, format, spec });
    }
    case 'drizzle': {
      const at = rest.lastIndexOf('@');
      const dir = at >= 0 ? rest.slice(0, at) : rest;
      const tag = at >= 0 ? rest.slice(at + 1) : undefined;
      if (!dir || tag === '') throw new SourceSpecError(`source "${spec}": name a drizzle-kit migrations folder, e.g. drizzle:drizzle/migrations@0002_triggers`);
      return drizzleSource(resolve(cwd, dir), { upTo: tag, spec });
    }
    case 'schema': {
      if (!rest) throw new SourceSpecError(`source "${spec}": name a drizzle schema file, e.g. schema:drizzle/schema.ts`);
      return schemaFileSource(resolve(cwd, rest), { spec });
    }
    case 'dump': {
      if (!rest) throw new SourceSpecError(`source "${spec}": name a schema dump, e.g. dump:snapshots/production.sql`);
      return dumpSource(resolve(cwd, rest), { spec, excludeSchemas: options.dumpExcludeSchemas, ...(options.dumpPrivileges ? { privileges: true } : {}) });
    }
    case 'snapshot': {
      if (!rest) throw new SourceSpecError(`source "${spec}": name a file, e.g. snapshot:snapshots/legacy.snapshot.json`);
      return { kind: 'snapshot', spec, label: rest, file: resolve(cwd, rest) };
    }
    case 'url':
    case 'postgres':
    case 'postgresql': {
      const url = kind === 'url' ? rest : spec;
      if (!/^postgres(ql)?:\/\//.test(url)) throw new SourceSpecError(`source "url:…" needs a postgres:// URL`);
      // spec is for messages: never the password
      return { kind: 'url', spec: `url:${maskUrl(url)}`, label: 'url', url };
    }
    default:
      throw new SourceSpecError(`source "${spec}" is not one of: ${SOURCE_KINDS.join(', ')}`);
  }
}
