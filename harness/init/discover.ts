import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, normalize, relative, resolve, sep } from 'node:path';
import { isFolderLayout, readDrizzleMigrations } from '../sources/drizzle-journal.js';
import { detectFormat, type FormatName } from '../sources/formats/index.js';
import { readDrizzleConfig, type DrizzleConfigFacts } from './drizzle-config.js';

/** What `parity init` found in a project; every path is relative to the root, with `/`. */
export interface Discovery {
  drizzle?: DrizzleConfigFacts & {
    /** The schema file a `schema:` source can build (a single `.ts` file that exists). */
    schemaFile?: string;
    /** The `out` folder, and what it holds. */
    outDir: string;
    layout: '0.x' | '1.x' | 'none';
    migrations: number;
  };
  /** Migration folders other than drizzle's `out`, with the tool that wrote them. */
  folders: Array<{ dir: string; format: FormatName; files: number }>;
  /** The production URL's secret name, and where it was named. */
  url?: { name: string; from: string };
  /** Things found but not used, one line each (a folder two tools claim, a schema glob). */
  notes: string[];
}

/** Folders never searched for migrations: dependencies, build output, our own files. */
const SKIP = new Set(['node_modules', 'dist', 'build', 'coverage', 'snapshots', 'nightly-out', 'out']);
/** How deep below the root migration folders are looked for (db/migrations, supabase/migrations). */
const DEPTH = 3;

export async function discover(root: string): Promise<Discovery> {
  const notes: string[] = [];
  const rel = (path: string) => relative(root, path).split(sep).join('/') || '.';
  let drizzle: Discovery['drizzle'];
  const config = await readDrizzleConfig(root);
  if (config) {
    const outDir = rel(resolve(root, config.out));
    const out = resolve(root, config.out);
    const layout = existsSync(join(out, 'meta', '_journal.json')) ? '0.x' : isFolderLayout(out) ? '1.x' : 'none';
    let migrations = 0;
    if (layout !== 'none') {
      try {
        migrations = readDrizzleMigrations(out).length;
      } catch (error) {
        notes.push(`${outDir}: ${(error as Error).message}`);
      }
    }
    let schemaFile: string | undefined;
    const [only, ...more] = config.schema;
    if (only === undefined) notes.push(`${config.file} names no schema: no "schema" source`);
    else if (more.length > 0 || /[*?{]/.test(only) || !/\.[mc]?ts$/.test(only) || !existsSync(resolve(root, only)))
      notes.push(`${config.file}: schema ${config.schema.join(', ')} is not one .ts file that exists: a schema: source builds one file; add it by hand if one file re-exports the rest`);
    else schemaFile = rel(resolve(root, only));
    drizzle = { ...config, schemaFile, outDir, layout, migrations };
  }
  const folders = findFolders(root, drizzle ? resolve(root, drizzle.out) : undefined, notes).map((dir) => ({ ...dir, dir: rel(dir.dir) }));
  return { drizzle, folders, url: findUrl(root), notes };
}

function findFolders(root: string, drizzleOut: string | undefined, notes: string[]): Array<{ dir: string; format: FormatName; files: number }> {
  const found: Array<{ dir: string; format: FormatName; files: number }> = [];
  const walk = (dir: string, depth: number) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (name.startsWith('.') || SKIP.has(name) || !statSync(path).isDirectory()) continue;
      if (drizzleOut && normalize(path) === normalize(drizzleOut)) continue;
      if (looksLikeMigrations(name, path)) {
        if (isDrizzleFolder(path)) continue;
        try {
          const format = detectFormat(path);
          // migrations, not the callbacks the tool runs around them (Flyway's)
          const files = format.list(path).filter((unit) => !unit.callback).length;
          if (files > 0) found.push({ dir: path, format: format.name, files });
        } catch (error) {
          notes.push(`${relative(root, path)}: ${(error as Error).message}`);
        }
        continue;
      }
      if (depth < DEPTH) walk(path, depth + 1);
    }
  };
  walk(root, 1);
  return found;
}

/** `migrations`, `db/migration` (Flyway), `migrations-legacy`, `legacy_migrations`, a Sqitch project. */
function looksLikeMigrations(name: string, path: string): boolean {
  return /(^|[-_])migrations?($|[-_])/i.test(name) || existsSync(join(path, 'sqitch.plan'));
}

/** Another drizzle-kit folder (a journal, or 1.x folders with their snapshot.json): not a legacy chain. */
function isDrizzleFolder(path: string): boolean {
  if (existsSync(join(path, 'meta', '_journal.json'))) return true;
  return readdirSync(path).some((name) => existsSync(join(path, name, 'migration.sql')) && existsSync(join(path, name, 'snapshot.json')));
}

/** A production URL variable: a workflow's secret, else a `.env.example` variable; production-named first. */
function findUrl(root: string): Discovery['url'] {
  const candidates: Array<{ name: string; from: string }> = [];
  const workflows = join(root, '.github', 'workflows');
  if (existsSync(workflows)) {
    for (const file of readdirSync(workflows).sort()) {
      if (!/\.ya?ml$/.test(file) || OWN_WORKFLOWS.includes(file)) continue;
      for (const m of readFileSync(join(workflows, file), 'utf8').matchAll(/\bsecrets\.([A-Za-z_][A-Za-z0-9_]*)/g)) candidates.push({ name: m[1]!, from: `.github/workflows/${file}` });
    }
  }
  for (const file of ['.env.example', '.env.sample', '.env.template']) {
    if (!existsSync(join(root, file))) continue;
    for (const m of readFileSync(join(root, file), 'utf8').matchAll(/^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/gm)) candidates.push({ name: m[1]!, from: file });
  }
  // DATABASE_URL, PROD_DATABASE_URL_READONLY, SUPABASE_DB_URL, POSTGRES_URL, PG_URL
  const urls = candidates.filter((c) => /(DATABASE|POSTGRES(QL)?|PG|DB)_?URL/i.test(c.name));
  return urls.find((c) => /PROD/i.test(c.name)) ?? urls[0];
}

/** The workflows init writes: never a source of the URL name (a second run must find what the first did). */
export const OWN_WORKFLOWS = ['parity.yml', 'parity-nightly.yml'];
