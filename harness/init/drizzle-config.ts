import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { maskSecretsIn } from '../util/redact.js';

export const DRIZZLE_CONFIG_FILES = ['drizzle.config.ts', 'drizzle.config.mts', 'drizzle.config.js', 'drizzle.config.mjs', 'drizzle.config.cjs'];

/** What `parity init` needs from a drizzle-kit config: where the schema is, where migrations go. */
export interface DrizzleConfigFacts {
  /** The config file's name, in the project root. */
  file: string;
  /** `schema` as written: one path, several, or none. */
  schema: string[];
  /** `out` (drizzle-kit's default `drizzle` when the config names none). */
  out: string;
  /** `loaded`: the module's default export; `read`: string literals read from the text (it did not load). */
  how: 'loaded' | 'read';
  /** Why it could not be loaded, when `how` is `read`. */
  loadError?: string;
}

/**
 * The project's drizzle-kit config. It is loaded as drizzle-kit loads it (the same file runs on
 * every `drizzle-kit generate`, so loading it runs nothing the project does not already run), via
 * tsx's tsImport like our own config: that gives the values drizzle-kit sees, computed paths
 * included. A config that cannot be loaded here — it throws without DATABASE_URL, or drizzle-kit
 * is not installed yet — is read statically instead: the `schema:` and `out:` string literals.
 */
export async function readDrizzleConfig(root: string): Promise<DrizzleConfigFacts | undefined> {
  const file = DRIZZLE_CONFIG_FILES.find((name) => existsSync(join(root, name)));
  if (!file) return undefined;
  const path = join(root, file);
  try {
    const module = await (await import('tsx/esm/api')).tsImport(pathToFileURL(path).href, import.meta.url);
    const value = module.default?.default ?? module.default;
    if (typeof value !== 'object' || value === null) throw new Error('it has no default export');
    const { schema, out } = value as { schema?: unknown; out?: unknown };
    const paths = typeof schema === 'string' ? [schema] : Array.isArray(schema) ? schema.filter((s): s is string => typeof s === 'string') : [];
    return { file, schema: paths, out: typeof out === 'string' ? out : 'drizzle', how: 'loaded' };
  } catch (error) {
    return { ...readStatically(readFileSync(path, 'utf8')), file, how: 'read', loadError: maskSecretsIn(error instanceof Error ? error.message.split('\n')[0]! : String(error)) };
  }
}

/** `schema: './db/schema.ts'`, `schema: ['a.ts', 'b.ts']`, `out: './drizzle'`: literals only. */
export function readStatically(text: string): { schema: string[]; out: string } {
  const literal = /(['"`])([^'"`\n]*)\1/g;
  const list = /\bschema\s*:\s*\[([^\]]*)\]/.exec(text);
  const one = /\bschema\s*:\s*(['"`])([^'"`\n]*)\1/.exec(text);
  const schema = list ? [...list[1]!.matchAll(literal)].map((m) => m[2]!) : one ? [one[2]!] : [];
  const out = /\bout\s*:\s*(['"`])([^'"`\n]*)\1/.exec(text)?.[2] ?? 'drizzle';
  return { schema, out };
}
