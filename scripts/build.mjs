// Compiles harness/ to dist/ (the library: dist/harness) and copies the files tsc does not
// (catalog queries, the watchdog), then bundles the CLI into dist/cli for bin/parity.js.
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');

// --transpile-only (npm test): dist/harness from esbuild's per-file transpile, without tsc's type
// check and declarations — the test run type-checks everything (tsc --noEmit) beside the suite,
// and the check was most of the build, before the first test. The library as installed
// (npm install's prepare, npm run build) is tsc's, with its declarations.
const transpileOnly = process.argv.includes('--transpile-only');
const fromTsx = createRequire(require.resolve('tsx/package.json'));
const esbuild = await import(pathToFileURL(fromTsx.resolve('esbuild')).href);

rmSync(join(root, 'dist'), { recursive: true, force: true });
if (transpileOnly) {
  const sources = (dir) => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? sources(join(dir, name)) : name.endsWith('.ts') ? [join(dir, name)] : []));
  await esbuild.build({
    entryPoints: sources(join(root, 'harness')),
    outbase: root,
    outdir: join(root, 'dist'),
    format: 'esm',
    platform: 'node',
    target: 'es2022',
    sourcemap: true,
    tsconfig: join(root, 'tsconfig.json'),
    logLevel: 'warning',
  });
} else {
  execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
}

function copyAssets(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) copyAssets(path);
    else if (/\.(sql|mjs|sh)$/.test(name)) cpSync(path, join(root, 'dist', relative(root, path)));
  }
}
copyAssets(join(root, 'harness'));

// The CLI as a few bundled chunks (a chunk per lazily loaded command) instead of ~300 modules:
// Node resolves, reads and compiles each module it loads, and that was half of a warm
// `parity check`. zod is bundled in; every other package stays an import (pg and the dump
// parser are loaded only when used). A file's own `import.meta.url` becomes the URL of its
// compiled twin in dist/harness, so the files found beside it (queries, the watchdog, the
// schema-file child, the host presets) and the cache keys' digest of the harness are the same.
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const external = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })
  .filter((name) => name !== 'zod')
  .flatMap((name) => [name, `${name}/*`]);
const cliDir = join(root, 'dist', 'cli');
await esbuild.build({
  entryPoints: [join(root, 'harness', 'cli', 'main.ts')],
  outdir: cliDir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external,
  logLevel: 'warning',
  plugins: [
    {
      // zod's index of ~60 message languages is half the bundle; the harness uses the English
      // messages zod starts with, so z.locales holds only those (the rest were never loaded)
      name: 'zod-english-only',
      setup(build) {
        build.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({ contents: 'export { default as en } from "./en.js";\n', loader: 'js', resolveDir: join(require.resolve('zod/package.json'), '..', 'v4', 'locales') }));
      },
    },
    {
      name: 'compiled-twin-url',
      setup(build) {
        build.onLoad({ filter: /[\\/]harness[\\/].*\.ts$/ }, (args) => {
          const twin = relative(cliDir, join(root, 'dist', relative(root, args.path))).replace(/\.ts$/, '.js');
          // only the expression, never the text inside a string ('import.meta.url' as a define key)
          const contents = readFileSync(args.path, 'utf8').replace(/(?<!['"`])\bimport\.meta\.url\b(?!['"`])/g, `new URL(${JSON.stringify(twin.split('\\').join('/'))}, import.meta.url).href`);
          return { contents, loader: 'ts' };
        });
      },
    },
  ],
});
