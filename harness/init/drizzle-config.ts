import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { maskSecretsIn } from '../util/redact.js';
import { inUserModuleProcess, UserModuleError } from '../util/user-module.js';

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
 * every `drizzle-kit generate`, so loading it runs nothing the project does not already run), from
 * the project root, in a child process of its own (util/user-module.ts): that gives the values
 * drizzle-kit sees, computed paths included, and nothing the config does — a `process.exit(1)`
 * when DATABASE_URL is not set — can end `parity init`. A config that cannot be loaded here — it
 * throws or exits without DATABASE_URL, or drizzle-kit is not installed yet — is read statically
 * instead: the `schema:` and `out:` string literals.
 */
export async function readDrizzleConfig(root: string): Promise<DrizzleConfigFacts | undefined> {
  const file = DRIZZLE_CONFIG_FILES.find((name) => existsSync(join(root, name)));
  if (!file) return undefined;
  const path = join(root, file);
  try {
    const { schema, out } = await inUserModuleProcess<{ schema?: string | string[]; out?: string }>('drizzle-config', path, { cwd: root });
    return { file, schema: typeof schema === 'string' ? [schema] : (schema ?? []), out: typeof out === 'string' ? out : 'drizzle', how: 'loaded' };
  } catch (error) {
    if (!(error instanceof UserModuleError)) throw error;
    const why = error.failure.kind === 'ended' ? `it ${error.failure.how}` : error.failure.message.split('\n')[0]!;
    return { ...readStatically(readFileSync(path, 'utf8')), file, how: 'read', loadError: maskSecretsIn(why) };
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
