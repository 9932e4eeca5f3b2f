import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { MigrationFolderError } from '../migration-files.js';
import { lineAndColumnAt } from '../sql-position.js';
import { isFile } from './common.js';

/**
 * Flyway's placeholder settings, as read from the project's `flyway.conf` / `flyway.toml`: in the
 * migrations folder or the one above it (where `flyway.locations=filesystem:sql` puts them).
 * Environment variables and command-line values are not known to the replay.
 */
export interface Placeholders {
  enabled: boolean;
  prefix: string;
  suffix: string;
  /** By lower-cased name: Flyway looks placeholders up case-insensitively. */
  values: Map<string, string>;
  defaultSchema?: string;
  table: string;
  /** The config files read, for messages. */
  read: string[];
}

/** The built-ins whose value comes from the connection or the moment of the run: production's, not ours. */
const UNKNOWABLE = /^flyway:/i;

/** The project's Flyway settings (keys without `flyway.`), the folder's over the one above's, and the files read. */
export function flywaySettings(dir: string): { settings: Map<string, string>; read: string[] } {
  const settings = new Map<string, string>();
  const read: string[] = [];
  for (const folder of [dirname(dir), dir]) {
    for (const [name, parse] of [['flyway.conf', parseConf], ['flyway.toml', parseToml]] as const) {
      const path = join(folder, name);
      if (!isFile(path)) continue;
      read.push(path);
      for (const [key, value] of parse(readFileSync(path, 'utf8'))) settings.set(key, value);
    }
  }
  return { settings, read };
}

export function placeholdersOf(dir: string): Placeholders {
  const { settings, read } = flywaySettings(dir);
  const values = new Map<string, string>();
  for (const [key, value] of settings) if (key.startsWith('placeholders.')) values.set(key.slice('placeholders.'.length).toLowerCase(), value);
  const schemas = settings.get('schemas')?.split(',').map((s) => s.trim()).filter(Boolean);
  return {
    enabled: settings.get('placeholderReplacement')?.toLowerCase() !== 'false',
    prefix: settings.get('placeholderPrefix') ?? '${',
    suffix: settings.get('placeholderSuffix') ?? '}',
    values,
    defaultSchema: settings.get('defaultSchema') ?? schemas?.[0],
    table: settings.get('table') ?? 'flyway_schema_history',
    read,
  };
}

/** `flyway.key=value` (or `key: value`) lines of a Java properties file, without the `flyway.`. */
function parseConf(text: string): Array<[string, string]> {
  const settings: Array<[string, string]> = [];
  for (const raw of text.split(/\r?\n/)) {
    const setting = /^\s*flyway\.([^=:\s]+)\s*[=:]\s*(.*?)\s*$/.exec(raw);
    if (setting && !/^\s*[#!]/.test(raw)) settings.push([setting[1]!, setting[2]!]);
  }
  return settings;
}

/** `[flyway]` and `[flyway.placeholders]` keys of a flyway.toml: strings, booleans and arrays of strings. */
function parseToml(text: string): Array<[string, string]> {
  const settings: Array<[string, string]> = [];
  let section = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s+#.*$/, '').trim();
    const header = /^\[\s*([^\]]+?)\s*\]$/.exec(line);
    if (header) section = header[1]!;
    const setting = /^([\w.-]+|"[^"]*")\s*=\s*(.+)$/.exec(line);
    if (!setting || !(section === 'flyway' || section.startsWith('flyway.'))) continue;
    const key = `${section === 'flyway' ? '' : `${section.slice('flyway.'.length)}.`}${setting[1]!.replace(/^"|"$/g, '')}`;
    settings.push([key, tomlValue(setting[2]!)]);
  }
  return settings;
}

/** `"a"` → a, `["a", "b"]` → a,b (as a properties file writes a list), `false` → false. */
function tomlValue(value: string): string {
  const list = /^\[(.*)\]$/.exec(value);
  if (list) return list[1]!.split(',').map((item) => tomlValue(item.trim())).join(',');
  return /^(["']).*\1$/.test(value) ? value.slice(1, -1) : value;
}

/**
 * The text Flyway runs: every `${name}` (prefix and suffix as configured), in comments and
 * strings too, replaced by its value, the name looked up case-insensitively. A placeholder with
 * no value is refused, as Flyway refuses it; so is a built-in whose value was production's
 * (`${flyway:user}`, `${flyway:timestamp}` …).
 *
 * Read as Flyway's PlaceholderReplacingReader reads: it reads ahead while what it has read could
 * still begin the prefix, and passes on what turned out not to be the prefix without looking for
 * a prefix inside it (so `$${x}` stays as written, `$$${x}` is replaced); after a prefix, the name
 * runs to the next suffix, across lines, and may be empty.
 */
export function replacePlaceholders(text: string, file: string, settings: Placeholders): string {
  if (!settings.enabled) return text;
  const { prefix, suffix } = settings;
  let out = '';
  for (let at = 0; at < text.length; ) {
    let ahead = at + 1;
    while (ahead - at < prefix.length && ahead < text.length && prefix.startsWith(text.slice(at, ahead))) ahead++;
    if (text.slice(at, ahead) !== prefix) {
      out += text.slice(at, ahead);
      at = ahead;
      continue;
    }
    const end = text.indexOf(suffix, ahead);
    const where = () => {
      const { line, column } = lineAndColumnAt(text, at);
      return `${file}:${line}:${column}`;
    };
    if (end < 0) throw new MigrationFolderError(`${where()}: "${prefix}" opens a Flyway placeholder that no "${suffix}" closes (Flyway refuses this file too). Close it, or turn placeholder replacement off (flyway.placeholderReplacement=false) if production ran the text as written.`);
    out += valueOf(text.slice(ahead, end), file, settings, where);
    at = end + suffix.length;
  }
  return out;
}

function valueOf(name: string, file: string, settings: Placeholders, where: () => string): string {
  const shown = `${settings.prefix}${name}${settings.suffix}`;
  const value = builtIn(name.toLowerCase(), file, settings) ?? settings.values.get(name.toLowerCase());
  const config = settings.read.length ? settings.read.join(' and ') : 'flyway.conf (none was found in the folder or the one above it)';
  if (value === undefined && name.toLowerCase() === 'flyway:defaultschema') {
    throw new MigrationFolderError(`${where()}: ${shown}: Flyway takes it from flyway.defaultSchema or the first of flyway.schemas, else from the connection, which the build cannot know. Set flyway.defaultSchema in ${config}.`);
  }
  if (value === undefined && UNKNOWABLE.test(name)) {
    throw new MigrationFolderError(`${where()}: ${shown} is filled in by Flyway from the run (the user, the database, the time…): the build cannot know the value production had. Write the value into the migration, or turn placeholder replacement off (flyway.placeholderReplacement=false) if production ran the text as written.`);
  }
  if (value === undefined) {
    throw new MigrationFolderError(`${where()}: no value for the placeholder ${shown}: Flyway refuses this migration too ("No value provided for placeholder"). Define it (flyway.placeholders.${name}=… in ${config}; values given on the command line or in environment variables are not known to the build), or turn placeholder replacement off (flyway.placeholderReplacement=false).`);
  }
  if (value.includes('${')) throw new MigrationFolderError(`${where()}: ${shown} is "${value}" in ${config}, which Flyway fills from the environment: the build cannot know it. Write the value itself.`);
  return value;
}

/** The built-ins the build knows exactly, by lower-cased name. */
function builtIn(name: string, file: string, settings: Placeholders): string | undefined {
  if (name === 'flyway:filename') return basename(file);
  if (name === 'flyway:table') return settings.table;
  if (name === 'flyway:defaultschema') return settings.defaultSchema;
  return undefined;
}
