import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/**
 * A TypeScript module and the local files it imports, as one ES module, by the esbuild tsx brings
 * (not a dependency of ours of its own). Packages stay imports, resolved by Node where the result
 * is written. Importing the result costs no loader thread and loads each package once, where tsx's
 * loader costs a thread and loads them again in its namespace.
 */
export interface Bundle {
  /** the module, as JavaScript */
  text: string;
  /** every local file esbuild read for it, the entry first */
  inputs: string[];
  /** what it still imports, as written (`drizzle-orm/pg-core`, `node:fs`): packages and builtins */
  imports: string[];
}

/** The part of esbuild's API used here (its types are tsx's dependency, not ours). */
interface Esbuild {
  build(options: Record<string, unknown>): Promise<{ metafile: { inputs: Record<string, { imports: { path: string; external?: boolean }[] }> }; outputFiles: { text: string }[] }>;
  transform(code: string, options: Record<string, unknown>): Promise<{ code: string }>;
  stop(): void | Promise<void>;
}

/** Where the esbuild tsx runs is: the one every bundle here uses. */
export function esbuildUrl(): string {
  const fromTsx = createRequire(createRequire(import.meta.url).resolve('tsx/package.json'));
  return pathToFileURL(fromTsx.resolve('esbuild')).href;
}

// esbuild runs one service process per process: it is stopped when the last call that needs it ends
let running = 0;

/** `work` with esbuild's API; undefined when esbuild is not there or `work` fails. */
async function withEsbuild<T>(work: (esbuild: Esbuild) => Promise<T>): Promise<T | undefined> {
  let esbuild: Esbuild;
  try {
    esbuild = await import(esbuildUrl());
  } catch {
    return undefined;
  }
  running++;
  try {
    return await work(esbuild);
  } catch {
    return undefined;
  } finally {
    if (--running === 0) await esbuild.stop();
  }
}

/**
 * Undefined when esbuild is not there or the module does not compile: the caller then loads the
 * file through tsx, which gives a compile error its own words, with the file's line and column.
 */
export function bundleModule(file: string, options: { define?: Record<string, string>; banner?: string; workingDir?: string } = {}): Promise<Bundle | undefined> {
  return withEsbuild(async (esbuild) => {
    const result = await esbuild.build({
      entryPoints: [file],
      // bundled so that the metafile lists every local file it reads; packages stay imports
      bundle: true,
      packages: 'external',
      format: 'esm',
      platform: 'node',
      target: `node${process.versions.node}`,
      write: false,
      metafile: true,
      logLevel: 'silent',
      ...(options.define ? { define: options.define } : {}),
      ...(options.banner ? { banner: { js: options.banner } } : {}),
      // the text names each file by its path from here (a comment): from where parity runs, unless given
      ...(options.workingDir ? { absWorkingDir: options.workingDir } : {}),
    });
    const inputs = result.metafile.inputs;
    const imports = [...new Set(Object.values(inputs).flatMap((input) => input.imports.filter((i) => i.external).map((i) => i.path)))].sort();
    return { text: result.outputFiles[0]!.text, inputs: Object.keys(inputs), imports };
  });
}

/**
 * The module uses CommonJS (`require`, `__dirname`, ...): a .ts file in a package without
 * "type": "module", which tsx runs as CommonJS. As an ES module it would not run the same.
 */
export function usesCommonJs(text: string): boolean {
  return /\b(__require|__dirname|__filename|require|module|exports)\b/.test(text.replace(/\/\/.*|"(?:[^"\\]|\\.)*"/g, ''));
}

/**
 * An ES module bundleModule made, as CommonJS (imports become `require` calls, in place), strict
 * as the module was; undefined where that cannot be (a top-level await) or esbuild is not there.
 */
export function asCommonJs(text: string): Promise<string | undefined> {
  return withEsbuild(async (esbuild) => {
    const { code } = await esbuild.transform(text, { format: 'cjs', loader: 'js', platform: 'node', target: `node${process.versions.node}`, logLevel: 'silent' });
    // an ES module is strict; a CommonJS one only when it says so, first
    return `"use strict";\n${code}`;
  });
}
