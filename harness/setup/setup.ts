import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import type { Buildable, BuildableSource } from '../sources/source.js';
import { SourceBuildError } from '../sources/source.js';

/**
 * What the host provides before any migration runs (Supabase's auth schema and roles, an
 * `extensions` schema, a `uuidv7()` function …): SQL files run on every database before its
 * source is built. Named in the config (`setup: [...]`) or on the command line (`--setup`), as a
 * file or a built-in preset (`preset:supabase`).
 */
export interface HostSetup {
  files: Array<{ name: string; sql: string }>;
}

const PRESETS = new URL('./presets/', import.meta.url);

export function presetNames(): string[] {
  return readdirSync(PRESETS)
    .filter((f) => f.endsWith('.sql'))
    .map((f) => f.slice(0, -4))
    .sort();
}

/** The setup of `entries` (files resolved from `root`, or `preset:<name>`); undefined for none. */
export function resolveSetup(entries: readonly string[], root: string): HostSetup | undefined {
  if (entries.length === 0) return undefined;
  return {
    files: entries.map((entry) => {
      if (entry.startsWith('preset:')) {
        const name = entry.slice('preset:'.length);
        if (!presetNames().includes(name)) throw new SourceBuildError(`setup "${entry}": no such preset (there are: ${presetNames().map((p) => `preset:${p}`).join(', ')})`);
        return { name: entry, sql: readFileSync(new URL(`${name}.sql`, PRESETS), 'utf8') };
      }
      const path = isAbsolute(entry) ? entry : resolve(root, entry);
      if (!existsSync(path)) throw new SourceBuildError(`setup file ${entry} does not exist (from ${root}): name a .sql file, or a preset (${presetNames().map((p) => `preset:${p}`).join(', ')})`);
      return { name: relative(process.cwd(), path) || path, sql: readFileSync(path, 'utf8') };
    }),
  };
}

export function setupHash(setup: HostSetup): string {
  const digest = createHash('sha256').update('setup\0');
  for (const file of setup.files) digest.update(file.name).update('\0').update(file.sql).update('\0');
  return digest.digest('hex');
}

/** Runs the setup files into the database `client` is connected to; a failure names the file. */
async function runSetup(client: import('pg').ClientBase, setup: HostSetup): Promise<void> {
  for (const file of setup.files) {
    try {
      await client.query(file.sql);
    } catch (error) {
      const { describeServerError } = await import('../sources/sql-position.js');
      const fields = error as import('../sources/sql-position.js').ServerErrorFields;
      throw new SourceBuildError(`host setup ${describeServerError(file.name, file.sql, { ...fields, message: fields.message ?? String(error) })}`, { cause: error });
    }
  }
}

/** `source` built on top of the host setup: its hash covers the setup, its build runs it first. */
export function withSetup<S extends Buildable>(source: S, setup: HostSetup): S {
  return {
    ...source,
    async hash(context) {
      return createHash('sha256').update(`${setupHash(setup)}\0${await source.hash(context)}`).digest('hex');
    },
    async build(client, context) {
      await runSetup(client, setup);
      await source.build(client, { ...context, hostSetup: true });
    },
  };
}

/** A database with only the host setup in it: what is subtracted from every snapshot. */
export function hostSource(setup: HostSetup): BuildableSource {
  return {
    kind: 'setup',
    spec: `setup:${setup.files.map((f) => f.name).join(',')}`,
    label: 'host setup',
    hash: async () => setupHash(setup),
    build: (client) => runSetup(client, setup),
  };
}
