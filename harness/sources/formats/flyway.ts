import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { MigrationFolderError } from '../migration-files.js';
import { readMigrationText } from '../migration-text.js';
import { tokenize } from '../../sql/lexer.js';
import { splitStatements } from '../../sql/statements.js';
import { isDirectory, isFile, lineAt, refuseEmpty } from './common.js';
import { flywaySettings, placeholdersOf, replacePlaceholders, type Placeholders } from './flyway-placeholders.js';
import type { MigrationFormat, MigrationUnit, SkippedFile } from './types.js';

/** Flyway's callback events (api/callback/Event.java): a callback file is named after one. */
const EVENTS = [
  'beforeClean', 'afterClean', 'afterCleanError', 'beforeMigrate', 'beforeEachMigrate', 'beforeEachMigrateStatement', 'afterEachMigrateStatement',
  'afterEachMigrateStatementError', 'afterEachMigrate', 'afterEachMigrateError', 'beforeRepeatables', 'afterVersioned', 'afterMigrateApplied', 'afterMigrate',
  'afterMigrateError', 'beforeUndo', 'beforeEachUndo', 'beforeEachUndoStatement', 'afterEachUndoStatement', 'afterEachUndoStatementError', 'afterEachUndo',
  'afterEachUndoError', 'afterUndo', 'afterUndoError', 'beforeValidate', 'afterValidate', 'afterValidateError', 'beforeBaseline', 'afterBaseline',
  'afterBaselineError', 'beforeRepair', 'afterRepair', 'afterRepairError', 'beforeInfo', 'afterInfo', 'afterInfoError', 'afterMigrateOperationFinish',
  'afterInfoOperationFinish', 'createSchema', 'beforeCreateSchema', 'beforeConnect', 'afterConnect',
];
/** The callbacks Flyway runs with each migration, on its connection and in its transaction (DbMigrate, DefaultSqlScriptExecutor). */
const AROUND = ['beforeEachMigrate', 'beforeEachMigrateStatement', 'afterEachMigrateStatement', 'afterEachMigrate'];

/**
 * Flyway, as `flyway migrate` runs a folder on an empty database (flyway/flyway's sources):
 * `V<version>__<description>.sql` in version order (`V1_1__x` and `V1.1__x` are version 1.1),
 * then `R__<description>.sql` repeatables by description; prefixes, separator and suffixes as
 * flyway.conf sets them, the suffix in any case, subfolders scanned but not hidden ones. Other
 * `.sql` names are skipped (refused with `validateMigrationNaming=true`), `U…` undo files never
 * run. Each script runs in a transaction unless Flyway's parser finds a statement that cannot
 * (then statement by statement) or `<file>.conf` / `executeInTransaction` say otherwise; a script
 * mixing both kinds is refused unless `mixed=true`. SQL callbacks run where Flyway runs them.
 * `${name}` placeholders are replaced as Flyway replaces them (see flyway-placeholders.ts).
 */
export const flyway: MigrationFormat = {
  name: 'flyway',
  // one migration connection for all migrations; Flyway resets only the role and search_path before each (`setup`)
  session: 'one',
  describe: '`V<version>__<description>.sql`, `R__<description>.sql`, `U<version>__…` (never run)',
  detect: (dir) => sqlFilesBelow(dir, ['.sql']).some((path) => /^[VR]\d*(?:[._]\d+)*__/.test(baseName(path))),
  list: (dir) => scan(dir).units,
  skipped: (dir) => scan(dir).skipped,
};

/** What flyway.conf / flyway.toml set that decides which files run and how; Flyway's defaults otherwise. */
interface Config {
  versioned: string;
  repeatable: string;
  baseline: string;
  separator: string;
  suffixes: string[];
  mixed: boolean;
  executeInTransaction: boolean;
  validateNaming: boolean;
  createSchemas: boolean;
  validateOnMigrate: boolean;
  callbacks: boolean;
  /** Flyway's default schema: its search_path head, where its history goes. */
  defaultSchema: string;
  /** The schemas Flyway creates before migrating when they do not exist, the default one first. */
  schemas: string[];
  /** The config files read, for messages. */
  read: string[];
}

function configOf(dir: string): Config {
  const { settings, read } = flywaySettings(dir);
  const flag = (key: string, fallback: boolean) => (settings.get(key) ?? String(fallback)).toLowerCase() === 'true';
  if (settings.get('callbackLocations')) {
    throw new MigrationFolderError(`${read.join(' and ')}: flyway.callbackLocations makes Flyway read its callbacks from ${settings.get('callbackLocations')} instead of ${dir}: the replay reads only ${dir}. Move the callbacks into ${dir} and drop the setting.`);
  }
  const listed = settings.get('schemas')?.split(',').map((s) => s.trim()).filter(Boolean) ?? [];
  // no schema set: Flyway takes the connection's current schema, public on an empty database
  const defaultSchema = settings.get('defaultSchema') ?? listed[0] ?? 'public';
  return {
    versioned: settings.get('sqlMigrationPrefix') ?? 'V',
    repeatable: settings.get('repeatableSqlMigrationPrefix') ?? 'R',
    baseline: settings.get('baselineMigrationPrefix') ?? 'B',
    separator: settings.get('sqlMigrationSeparator') ?? '__',
    suffixes: settings.get('sqlMigrationSuffixes')?.split(',').map((s) => s.trim()).filter(Boolean) ?? ['.sql'],
    mixed: flag('mixed', false),
    executeInTransaction: flag('executeInTransaction', true),
    validateNaming: flag('validateMigrationNaming', false),
    createSchemas: flag('createSchemas', true),
    validateOnMigrate: flag('validateOnMigrate', true),
    callbacks: !flag('skipDefaultCallbacks', false),
    defaultSchema,
    schemas: [...new Set([defaultSchema, ...listed])],
    read,
  };
}

type Kind = 'versioned' | 'repeatable' | 'baseline' | 'undo' | 'callback';
type Name = { kind: Kind; prefix: string; version: string; description: string } | { kind: 'invalid'; why: string };

/**
 * A file name read as Flyway's ResourceNameParser reads it: the suffix stripped in any case, the
 * longest prefix that starts the name (case counts), then version and description split at the
 * first separator; a versioned name needs a version, a repeatable or callback none.
 */
function parseName(name: string, config: Config): Name {
  const suffix = config.suffixes.find((s) => name.toUpperCase().endsWith(s.toUpperCase()));
  const stem = suffix === undefined ? name : name.slice(0, name.length - suffix.length);
  const prefixes: Array<[string, Kind]> = [[config.versioned, 'versioned'], [config.repeatable, 'repeatable'], ...EVENTS.map((e): [string, Kind] => [e, 'callback']), [config.baseline, 'baseline'], ['U', 'undo']];
  const found = prefixes.sort((a, b) => b[0].length - a[0].length).find(([prefix]) => stem.startsWith(prefix));
  if (!found) return { kind: 'invalid', why: `not a Flyway migration or callback name (V<version>${config.separator}<description>.sql, R${config.separator}<description>.sql, afterMigrate.sql …)` };
  const [prefix, kind] = found;
  const rest = stem.slice(prefix.length);
  const at = rest.indexOf(config.separator);
  const [version, description] = at < 0 ? [rest, ''] : [rest.slice(0, at), rest.slice(at + config.separator.length)];
  if (kind === 'repeatable' || kind === 'callback') {
    if (version !== '') return { kind: 'invalid', why: `a repeatable migration or callback name cannot hold a version (${prefix}${config.separator}<description>${suffix ?? ''})` };
  } else if (!/^\d+(?:[._]\d+)*$/.test(version)) {
    return { kind: 'invalid', why: version === '' ? `a versioned migration name needs a version (${prefix}1.2${config.separator}<description>${suffix ?? ''})` : `"${version}" is no Flyway version` };
  }
  return { kind, prefix, version: version.replaceAll('_', '.'), description: description.replaceAll('_', ' ') };
}

interface Callback {
  event: string;
  description: string;
  unit: MigrationUnit;
}

function scan(dir: string): { units: MigrationUnit[]; skipped: SkippedFile[] } {
  const config = configOf(dir);
  const placeholders = placeholdersOf(dir);
  const versioned: Array<MigrationUnit & { parts: bigint[]; baseline: boolean }> = [];
  const repeatable: MigrationUnit[] = [];
  const callbacks: Callback[] = [];
  const skipped: SkippedFile[] = [];
  const invalid: string[] = [];
  for (const path of sqlFilesBelow(dir, config.suffixes)) {
    const file = relative(dir, path);
    const parsed = parseName(baseName(path), config);
    if (parsed.kind === 'invalid') {
      invalid.push(file);
      skipped.push({ file, why: `Flyway does not run it: ${parsed.why}` });
    } else if (parsed.kind === 'undo') {
      skipped.push({ file, why: 'an undo migration: Flyway runs it only on flyway undo' });
    } else if (parsed.kind === 'callback') {
      const why = callbackSkipped(parsed.prefix, file, config);
      if (why) skipped.push({ file, why });
      else callbacks.push({ event: parsed.prefix, description: parsed.description, unit: unitOf(path, file, config, placeholders, '', parsed.description) });
    } else {
      const unit = unitOf(path, file, config, placeholders, parsed.version, parsed.description);
      if (parsed.kind === 'repeatable') repeatable.push({ ...unit, afterVersioned: true });
      else versioned.push({ ...unit, parts: unit.version.split('.').map(BigInt), baseline: parsed.kind === 'baseline' });
    }
  }
  if (config.validateNaming && invalid.length) {
    throw new MigrationFolderError(`${dir}: flyway.validateMigrationNaming=true, and Flyway refuses these names ("Invalid SQL filenames found"): ${invalid.join(', ')}. Rename them, or move them out of ${dir}.`);
  }
  versioned.sort((a, b) => compareParts(a.parts, b.parts) || Number(a.baseline) - Number(b.baseline));
  fromLatestBaseline(versioned);
  for (let i = 1; i < versioned.length; i++) {
    if (compareParts(versioned[i - 1]!.parts, versioned[i]!.parts) === 0) {
      throw new MigrationFolderError(`${dir}: version ${versioned[i]!.version} is used twice (${versioned[i - 1]!.file} and ${versioned[i]!.file}): Flyway refuses this too; renumber one of them`);
    }
  }
  // ResolvedMigrationComparator: repeatables by description (String.compareTo: UTF-16 code units, as `<` compares)
  repeatable.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (let i = 1; i < repeatable.length; i++) {
    if (repeatable[i - 1]!.name === repeatable[i]!.name) {
      throw new MigrationFolderError(`${dir}: the repeatable migrations ${repeatable[i - 1]!.file} and ${repeatable[i]!.file} have the same description ("${repeatable[i]!.name}"): Flyway refuses this too ("Found more than one repeatable migration with description"); rename one of them`);
    }
  }
  const migrations = refuseEmpty(dir, [...versioned.map(({ parts: _, baseline: __, ...unit }) => unit), ...repeatable], 'Flyway migrations (V<version>__<description>.sql)');
  return { units: withCallbacks(dir, migrations, callbacks, config), skipped };
}

/** Why a callback does not run on a successful `flyway migrate` of an empty database; undefined when it runs. */
function callbackSkipped(event: string, file: string, config: Config): string | undefined {
  if (!config.callbacks) return 'flyway.skipDefaultCallbacks=true: Flyway runs no SQL callback';
  if (event === 'afterMigrateOperationFinish') {
    throw new MigrationFolderError(`${file}: a Flyway callback (${event}) that runs after afterMigrate on the migrations' connection, as the last migration left it, outside a transaction: the replay cannot reproduce that session. Move what it does into afterMigrate.sql, or out of the folder if production ran without it.`);
  }
  const runs = ['afterConnect', 'beforeMigrate', 'afterVersioned', 'beforeRepeatables', 'afterMigrateApplied', 'afterMigrate', ...AROUND];
  if (runs.includes(event)) return undefined;
  if (event === 'beforeValidate' || event === 'afterValidate') {
    if (!config.validateOnMigrate) return `a Flyway callback (${event}): flyway.validateOnMigrate=false, so migrate does not validate`;
    // DbValidate fires them only when the default schema exists before migrating: on an empty database, public
    return config.defaultSchema === 'public' ? undefined : `a Flyway callback (${event}): on an empty database schema ${config.defaultSchema} does not exist yet when migrate validates, and Flyway skips validation and its callbacks`;
  }
  if (event === 'createSchema' || event === 'beforeCreateSchema') return config.createSchemas ? undefined : `a Flyway callback (${event}): flyway.createSchemas=false`;
  if (event === 'beforeConnect') return 'a Flyway callback (beforeConnect): Flyway runs only script callbacks (.sh, .ps1 …) before connecting, never SQL';
  return `a Flyway callback (${event}): a successful flyway migrate does not fire it`;
}

/**
 * The migrations with the callbacks Flyway runs on a successful migrate of an empty database, in
 * its order (FlywayExecutor, Flyway.migrate, DbSchemas, DbMigrate): afterConnect, beforeValidate,
 * afterValidate, createSchema, beforeCreateSchema on its main connection, then it creates the
 * missing schemas; beforeMigrate on a connection of its own; each migration with its
 * beforeEachMigrate, statement and afterEachMigrate callbacks in its transaction; afterVersioned
 * and beforeRepeatables before the first repeatable (afterVersioned after the last migration when
 * there is none); afterMigrateApplied and afterMigrate. Several for one event run by description
 * (`afterMigrate.sql` first, then `afterMigrate__<description>.sql`). Each callback on its own
 * connection runs in its transaction unless it cannot, after Flyway's reset of role and search_path.
 */
function withCallbacks(dir: string, migrations: MigrationUnit[], callbacks: Callback[], config: Config): MigrationUnit[] {
  const names = new Map<string, string>();
  // SqlScriptCallbackFactory: the name without suffix, the description's _ read as spaces
  for (const { event, description, unit } of callbacks) {
    const name = description === '' ? event : `${event}${config.separator}${description}`;
    const other = names.get(name);
    if (other) throw new MigrationFolderError(`${dir}: two SQL callbacks called ${name} (${other} and ${unit.file}): Flyway refuses this too ("Found more than 1 SQL callback script called"); rename or remove one of them`);
    names.set(name, unit.file);
  }
  // DefaultCallbackExecutor: by description, then (ours) by file so the order never depends on the disk's
  callbacks.sort((a, b) => (a.description < b.description ? -1 : a.description > b.description ? 1 : a.unit.file < b.unit.file ? -1 : 1));
  const setup = flywaySetup(config.defaultSchema);
  const of = (event: string) => callbacks.filter((c) => c.event === event).map((c) => c.unit);
  const own = (event: string, connection: string, afterVersioned = false): MigrationUnit[] =>
    of(event).map((unit) => ({ ...unit, callback: event, connection, setup, note: `a Flyway callback (${event})`, ...(afterVersioned ? { afterVersioned } : {}) }));
  const creation: MigrationUnit[] = config.schemas.some((s) => s !== 'public') && config.createSchemas ? [schemaCreation(dir, config)] : [];
  const around = { before: of('beforeEachMigrate'), beforeStatement: of('beforeEachMigrateStatement'), afterStatement: of('afterEachMigrateStatement'), after: of('afterEachMigrate') };
  const hasAround = Object.values(around).some((list) => list.length > 0);
  const run = (unit: MigrationUnit): MigrationUnit => ({ ...unit, setup, ...(hasAround ? { around } : {}) });
  const versioned = migrations.filter((unit) => !unit.afterVersioned).map(run);
  const repeatable = migrations.filter((unit) => unit.afterVersioned).map(run);
  const validates = config.validateOnMigrate && config.defaultSchema === 'public';
  return [
    ...own('afterConnect', 'main'),
    ...(validates ? [...own('beforeValidate', 'main'), ...own('afterValidate', 'main')] : []),
    ...(config.createSchemas ? [...own('createSchema', 'main'), ...own('beforeCreateSchema', 'main'), ...creation] : []),
    ...own('beforeMigrate', 'beforeMigrate'),
    ...versioned,
    ...own('afterVersioned', 'afterVersioned', true),
    ...(repeatable.length ? own('beforeRepeatables', 'beforeRepeatables', true) : []),
    ...repeatable,
    ...own('afterMigrateApplied', 'afterMigrateApplied', true),
    ...own('afterMigrate', 'afterMigrate', true),
  ];
}

/** Flyway creates the schemas it manages that do not exist (DbSchemas: `CREATE SCHEMA "name"`) before the first migration. */
function schemaCreation(dir: string, config: Config): MigrationUnit {
  const file = config.read.length ? relative(dir, config.read[config.read.length - 1]!) : 'flyway.conf';
  const sql = config.schemas.map((schema) => `CREATE SCHEMA IF NOT EXISTS ${quoteName(schema)};`).join('\n');
  return { file, path: join(dir, file), version: '', name: 'schemas', sql, line: 1, transaction: 'file', callback: 'createSchemas', connection: 'main', note: `Flyway creates schema ${config.schemas.join(', ')} when missing, before migrating` };
}

/**
 * What Flyway runs before each migration and each callback on its own connection
 * (Connection.restoreOriginalState, PostgreSQLConnection.changeCurrentSchemaTo): the role back to
 * the one it connected as (ours sets none, so RESET ROLE), and the search_path to the default
 * schema then the connection's own (reset_val), unless that already starts with it or the schema
 * does not exist yet.
 */
function flywaySetup(schema: string): string {
  const [name, head] = [literal(schema), literal(`${schema},`)];
  return `RESET ROLE;
SELECT pg_catalog.set_config('search_path', CASE WHEN reset_val = '' THEN ${literal(quoteName(schema))} ELSE ${literal(`${quoteName(schema)},`)} || reset_val END, false)
  FROM pg_catalog.pg_settings
 WHERE name = 'search_path' AND reset_val <> ${name} AND pg_catalog.left(reset_val, pg_catalog.char_length(${head})) <> ${head}
   AND EXISTS (SELECT FROM pg_catalog.pg_namespace WHERE nspname = ${name})`;
}

const quoteName = (name: string) => `"${name.replaceAll('"', '""')}"`;
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** `<file>.conf` (SqlScriptMetadata): Java properties lines; its true/false values in any case, as Flyway reads them. */
function scriptConfig(path: string, file: string): { executeInTransaction?: boolean; placeholderReplacement?: boolean } {
  if (!isFile(`${path}.conf`)) return {};
  const values: { executeInTransaction?: boolean; placeholderReplacement?: boolean } = {};
  for (const raw of readFileSync(`${path}.conf`, 'utf8').split(/\r?\n/)) {
    const setting = /^\s*([^=:\s#!][^=:\s]*)\s*[=:\s]\s*(.*?)\s*$/.exec(raw);
    if (!setting) continue;
    const [, key, value] = setting as unknown as [string, string, string];
    if (key === 'shouldExecute' && value.toLowerCase() !== 'true') {
      throw new MigrationFolderError(`${file}.conf: shouldExecute=${value}: Flyway decides from it whether to run ${file}, which the replay does not evaluate. Remove ${file}, or the setting, as production ran it.`);
    }
    if (key === 'executeInTransaction' || key === 'placeholderReplacement') {
      if (!/^(true|false)$/i.test(value)) throw new MigrationFolderError(`${file}.conf: ${key}=${value}: Flyway refuses this too ("should be either true or false"). Write true or false.`);
      values[key] = value.toLowerCase() === 'true';
    }
  }
  return values;
}

function unitOf(path: string, file: string, config: Config, placeholders: Placeholders, version: string, name: string): MigrationUnit {
  const script = scriptConfig(path, file);
  const sql = replacePlaceholders(readMigrationText(path, file), file, { ...placeholders, enabled: script.placeholderReplacement ?? placeholders.enabled });
  const base: MigrationUnit = { file, path, version, name, sql, line: 1, transaction: 'file' };
  const statements = splitStatements(sql).map((statement) => ({ statement, what: flywayNonTransactional(statement.text) }));
  const first = statements.find((s) => s.what);
  // ParserSqlScript: with mixed=false a script holding both kinds is refused, unless its .conf or the config decides
  if (first && !config.mixed && script.executeInTransaction === undefined && config.executeInTransaction) {
    const other = statements.find((s) => !s.what);
    if (other) {
      const offending = statements.indexOf(other) > statements.indexOf(first) ? other : first;
      throw new MigrationFolderError(
        `${file}:${lineAt(sql, offending.statement.start)}: holds ${first.what} (line ${lineAt(sql, first.statement.start)}), which Flyway runs outside a transaction, with statements it runs in one: Flyway refuses this migration ("Detected both transactional and non-transactional statements within the same migration (even though mixed is false)"). Move the ${first.what} into a migration of its own, or set flyway.mixed=true if production ran with it.`,
      );
    }
  }
  if (script.executeInTransaction ?? (!first && config.executeInTransaction)) return base;
  const reason = script.executeInTransaction === false ? `executeInTransaction=false in ${file}.conf` : !config.executeInTransaction ? 'flyway.executeInTransaction=false' : `${first!.what} at line ${lineAt(sql, first!.statement.start)}`;
  return { ...base, transaction: 'none', reason };
}

/** PostgreSQLParser.detectCanExecuteInTransaction, matched on the first keywords as a whole. */
const NON_TRANSACTIONAL = [
  /^(CREATE|DROP) (DATABASE|TABLESPACE|SUBSCRIPTION)$/,
  /^ALTER SYSTEM$/,
  /^(CREATE|DROP)( UNIQUE)? INDEX CONCURRENTLY$/,
  /^REINDEX( VERBOSE)? (SCHEMA|DATABASE|SYSTEM)$/,
  /^VACUUM$/,
  /^DISCARD ALL$/,
];

/**
 * What Flyway's PostgreSQL parser takes for a statement that cannot run in a transaction: it
 * looks at no more than its first three keywords (bare words of letters, outside parentheses),
 * upper-cased and joined by spaces. So it misses some the server refuses in one (CREATE UNIQUE
 * INDEX CONCURRENTLY is four, REINDEX TABLE CONCURRENTLY is not listed): Flyway runs those in the
 * migration's transaction, where they fail, and so does the replay. (ALTER TYPE … ADD VALUE
 * counts only on servers before 12.)
 */
function flywayNonTransactional(text: string): string | undefined {
  const keywords: string[] = [];
  let depth = 0;
  for (const token of tokenize(text)) {
    const word = text.slice(token.start, token.end);
    if (token.kind === 'symbol') depth += word === '(' ? 1 : word === ')' ? -1 : 0;
    // a name joined by a dot (public.t) is one identifier to Flyway, not a keyword
    const dotted = text[token.start - 1] === '.' || text[token.end] === '.';
    if (token.kind !== 'word' || depth > 0 || dotted || !/^[\p{L}_]+$/u.test(word)) continue;
    keywords.push(word.toUpperCase());
    if (keywords.length > 3) return undefined;
    const simplified = keywords.join(' ');
    if (NON_TRANSACTIONAL.some((rule) => rule.test(simplified))) return simplified;
  }
  return undefined;
}

/**
 * On an empty database Flyway starts from the latest `B<version>__` baseline migration: it runs
 * it instead of the versions up to it (a `V` of the same version included), then the later ones.
 */
function fromLatestBaseline(versioned: Array<{ parts: bigint[]; baseline: boolean }>): void {
  const latest = versioned.findLastIndex((unit) => unit.baseline);
  if (latest < 0) return;
  const parts = versioned[latest]!.parts;
  const kept = versioned.filter((unit, i) => i === latest || compareParts(unit.parts, parts) > 0);
  versioned.splice(0, versioned.length, ...kept);
}

/** 1.1 = 1.1.0: trailing zeros do not make another version. */
function compareParts(a: bigint[], b: bigint[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const [x, y] = [a[i] ?? 0n, b[i] ?? 0n];
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The files Flyway's scanner finds: ending in a suffix in any case, in subfolders too, not in hidden ones (FileSystemScanner). */
function sqlFilesBelow(dir: string, suffixes: string[]): string[] {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    throw new MigrationFolderError(`migrations folder ${dir} does not exist or cannot be read: check the path`);
  }
  return names.flatMap((name) => {
    const path = join(dir, name);
    if (isDirectory(path)) return name.startsWith('.') ? [] : sqlFilesBelow(path, suffixes);
    return suffixes.some((s) => name.toUpperCase().endsWith(s.toUpperCase()) && name.length > s.length) && isFile(path) ? [path] : [];
  });
}
