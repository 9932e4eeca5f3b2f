import { createHash } from 'node:crypto';
import { dirname } from 'node:path';
import { dependencyVersion, harnessFingerprint } from '../cache/keys.js';
import { DRIZZLE_ORM, type CompiledModule } from '../util/user-module.js';
import type { DerivedTextStore } from './source.js';

/** The folder of the snapshot cache that holds the digests of drizzle-kit's SQL of schema modules. */
export const SCHEMA_DIGEST_KIND = 'schema-digests';

/**
 * What a module may name and still be known to give the same SQL from the same text: none of
 * the ways JavaScript reads the process, the environment, files, the clock or chance. Matched
 * anywhere in the compiled text, strings included: a table named "process" is only generated
 * every time, as every module was before.
 */
const READS_OUTSIDE =
  /\b(process|globalThis|global|window|self|Deno|Bun|require|module|exports|eval|Function|Reflect|Date|Math|Intl|performance|crypto|fetch|console|setTimeout|setInterval|setImmediate|queueMicrotask|Buffer|navigator|location|__dirname|__filename)\b|\bimport\s*[(.]/;

/**
 * The key under which the digest of drizzle-kit's SQL of `compiled` is kept, or undefined when
 * that SQL may depend on more than the key can name: then it is generated every time. The key names the
 * compiled text (the file and every local file it imports), the version of each package it
 * imports as found from the file, the harness (its code, and the drizzle-kit that generates),
 * and Node's version.
 */
export function schemaDigestKey(compiled: CompiledModule): string | undefined {
  // drizzle-orm is the only package a module may import and be kept
  if (!compiled.imports.every((specifier) => DRIZZLE_ORM.test(specifier))) return undefined;
  // the module as written (as an ES module): its CommonJS form names require and module itself
  if (READS_OUTSIDE.test(compiled.esm)) return undefined;
  const digest = createHash('sha256').update(`schema-digest 1\0${harnessFingerprint()}\0node ${process.version}\0${compiled.format}\0`);
  const from = dirname(compiled.nodeModules);
  for (const name of new Set(compiled.imports.map(packageName))) digest.update(`${name}@${dependencyVersion(from, name)}\0`);
  return digest.update(compiled.esm).digest('hex');
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** The digest kept under `key`, or undefined when there is none (or what is there is not a digest). */
export function keptSchemaDigest(store: DerivedTextStore, key: string): string | undefined {
  const text = store.getDerived(SCHEMA_DIGEST_KIND, key)?.trim();
  return text && /^[0-9a-f]{64}$/.test(text) ? text : undefined;
}

export function keepSchemaDigest(store: DerivedTextStore, key: string, digest: string): void {
  store.setDerived(SCHEMA_DIGEST_KIND, key, `${digest}\n`);
}

export function forgetSchemaDigest(store: DerivedTextStore, key: string): void {
  store.forgetDerived(SCHEMA_DIGEST_KIND, key);
}
