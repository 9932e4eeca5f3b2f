import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleModule, usesCommonJs } from '../util/esbuild-bundle.js';

/** Bumped when what is written changes, so older compiled configs are not used. */
const FORMAT = 1;

/**
 * A TypeScript config as JavaScript, without tsx's loader: tsx registers module hooks, which start
 * a loader thread and cost ~150 ms or more on every command, for a file that changes rarely. The
 * config is compiled once by esbuild (tsx's own) into .parity-cache/config/<content hash>.mjs and
 * imported from there after, which costs about nothing. Returns undefined where this cannot stand
 * in for tsx — the config imports files of its own (tsx resolves those as they are), uses
 * CommonJS (require, __dirname), does not compile, or the cache folder is not writable — and the
 * caller then loads it through tsx as before.
 */
export async function importCompiledConfig(file: string, root: string): Promise<{ default?: unknown } | undefined> {
  const source = readFileSync(file, 'utf8');
  // esbuild reads the nearest tsconfig.json (decorators, class fields): it is part of the key
  const tsconfig = join(root, 'tsconfig.json');
  const dir = join(root, '.parity-cache', 'config');
  const key = createHash('sha256')
    .update(JSON.stringify([FORMAT, process.version, file, source, existsSync(tsconfig) ? readFileSync(tsconfig, 'utf8') : null]))
    .digest('hex')
    .slice(0, 32);
  // under the project root, so that its packages resolve from there as they do from the config
  const compiled = join(dir, `${key}.mjs`);
  if (!existsSync(compiled) && !(await compile(file, source, dir, compiled))) return undefined;
  try {
    return await import(pathToFileURL(compiled).href);
  } catch (error) {
    // a package the config imports that does not resolve from the cache folder: tsx, from the config's own
    if ((error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}

async function compile(file: string, source: string, dir: string, compiled: string): Promise<boolean> {
  const url = pathToFileURL(file).href;
  const bundle = await bundleModule(file, {
    // as if it ran where it is
    define: { 'import.meta.url': JSON.stringify(url), 'import.meta.filename': JSON.stringify(file), 'import.meta.dirname': JSON.stringify(dirname(file)) },
  });
  // a config that imports files of its own: tsx resolves those as they are
  if (!bundle || bundle.inputs.length !== 1) return false;
  const text = bundle.text;
  if (usesCommonJs(text)) return false;
  try {
    mkdirSync(dir, { recursive: true });
    // whole or not at all (two commands may compile it at once); older versions of it go
    const partial = `${compiled}.${process.pid}.tmp`;
    writeFileSync(partial, `// compiled from ${url} (${source.length} characters); parity writes it again when that changes\n${text}`);
    renameSync(partial, compiled);
    for (const name of readdirSync(dir)) if (name.endsWith('.mjs') && join(dir, name) !== compiled) rmSync(join(dir, name), { force: true });
    return true;
  } catch {
    return false;
  }
}
