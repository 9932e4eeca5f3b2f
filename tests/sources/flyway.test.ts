import { afterEach, describe, expect, it } from 'vitest';
import { replayLegacy, selectUnits } from '../../harness/sources/legacy.js';
import { folderWith } from '../support/folders.js';
import { scratchDatabase, type ScratchDatabase } from '../support/scratch.js';

let db: ScratchDatabase | undefined;
afterEach(async () => {
  await db?.drop();
  db = undefined;
});

// the migrations' text (not the schemas Flyway creates first)
const sqlOf = (dir: string) => selectUnits(dir).units.filter((u) => !u.callback).map((u) => `${u.file}: ${u.sql}`);

describe('Flyway placeholders, replaced as Flyway replaces them (PlaceholderReplacingReader)', () => {
  it('${name} takes its value from flyway.conf in the folder above the migrations; ${flyway:filename}, ${flyway:table} and ${flyway:defaultSchema} are known', async () => {
    const dir = folderWith({
      'flyway.conf': '# comment\nflyway.locations=filesystem:sql\nflyway.placeholders.region=eu-west-1\nflyway.schemas=app,other\n',
      // Flyway creates schema app itself (flyway.schemas): the migration does not
      'sql/V1__init.sql': "CREATE TABLE ${flyway:defaultSchema}.account (region text DEFAULT '${region}');\n-- ${flyway:filename} ${flyway:table}\n",
    });
    expect(sqlOf(`${dir}/sql`)).toEqual(["V1__init.sql: CREATE TABLE app.account (region text DEFAULT 'eu-west-1');\n-- V1__init.sql flyway_schema_history\n"]);
    db = await scratchDatabase('flyway');
    await replayLegacy(db.client, `${dir}/sql`);
    expect((await db.client.query("SELECT pg_get_expr(adbin, adrelid) AS d FROM pg_attrdef WHERE adrelid = 'app.account'::regclass")).rows).toEqual([{ d: "'eu-west-1'::text" }]);
  });

  it('flyway.toml in the migrations folder: [flyway] defaultSchema, prefix and suffix, [flyway.placeholders]', () => {
    const dir = folderWith({
      'flyway.toml': '[flyway]\ndefaultSchema = "billing"\nplaceholderPrefix = "#["\nplaceholderSuffix = "]"\ntable = "history"\n\n[flyway.placeholders]\nregion = "us-east-1" # where\n',
      'V1__init.sql': "SELECT '#[region]', '#[flyway:defaultSchema]', '#[flyway:table]', '${left_alone}';\n",
    });
    expect(sqlOf(dir)).toEqual(["V1__init.sql: SELECT 'us-east-1', 'billing', 'history', '${left_alone}';\n"]);
  });

  it('an undefined placeholder is refused, as Flyway refuses it, with file:line:column and where to define it', () => {
    const dir = folderWith({ 'V1__init.sql': "CREATE TABLE account (\n  region text DEFAULT '${region}'\n);\n" });
    expect(() => selectUnits(dir)).toThrow(
      `V1__init.sql:2:24: no value for the placeholder \${region}: Flyway refuses this migration too ("No value provided for placeholder"). Define it (flyway.placeholders.region=… in flyway.conf (none was found in the folder or the one above it); values given on the command line or in environment variables are not known to the build), or turn placeholder replacement off (flyway.placeholderReplacement=false).`,
    );
  });

  it('a built-in whose value was production’s (user, database, time) is refused; ${flyway:defaultSchema} without flyway.defaultSchema or flyway.schemas too', () => {
    const user = folderWith({ 'flyway.conf': 'flyway.defaultSchema=app\n', 'V1__a.sql': "COMMENT ON SCHEMA public IS 'by ${flyway:user}';\n" });
    expect(() => selectUnits(user)).toThrow('V1__a.sql:1:33: ${flyway:user} is filled in by Flyway from the run (the user, the database, the time…): the build cannot know the value production had. Write the value into the migration, or turn placeholder replacement off (flyway.placeholderReplacement=false) if production ran the text as written.');
    const schema = folderWith({ 'V1__a.sql': 'SET search_path = ${flyway:defaultSchema};\n' });
    expect(() => selectUnits(schema)).toThrow(/^V1__a\.sql:1:19: \$\{flyway:defaultSchema\}: Flyway takes it from flyway\.defaultSchema or the first of flyway\.schemas, else from the connection, which the build cannot know\. Set flyway\.defaultSchema in flyway\.conf/);
  });

  it('placeholder names are looked up case-insensitively, as Flyway looks them up: ${REGION} takes flyway.placeholders.Region, ${Flyway:FileName} is the file name', () => {
    const dir = folderWith({ 'flyway.conf': 'flyway.placeholders.Region=eu-west-1\n', 'V1__a.sql': "SELECT '${region}', '${REGION}', '${Flyway:FileName}';\n" });
    expect(sqlOf(dir)).toEqual(["V1__a.sql: SELECT 'eu-west-1', 'eu-west-1', 'V1__a.sql';\n"]);
  });

  it('a prefix counts only where Flyway’s reader starts looking for one: after a "$" that could not start "${", "${" is text ($${x} stays as written, $$${x} is replaced)', () => {
    const dir = folderWith({ 'flyway.conf': 'flyway.placeholders.x=1\n', 'V1__a.sql': "SELECT '$${x}', '$$${x}', '$$$${undefined_here}', '${x}$${x}';\n" });
    expect(sqlOf(dir)).toEqual(["V1__a.sql: SELECT '$${x}', '$$1', '$$$${undefined_here}', '1$${x}';\n"]);
  });

  it('the name runs to the next suffix, across lines, as in Flyway’s reader: ${} and a "${" closed on a later line are refused as Flyway refuses them, so is an unclosed one', () => {
    expect(() => selectUnits(folderWith({ 'V1__a.sql': "SELECT '${}';\n" }))).toThrow('V1__a.sql:1:9: no value for the placeholder ${}: Flyway refuses this migration too ("No value provided for placeholder")');
    expect(() => selectUnits(folderWith({ 'V1__a.sql': "SELECT '${x';\nSELECT '}';\n" }))).toThrow("V1__a.sql:1:9: no value for the placeholder ${x';\nSELECT '}: Flyway refuses this migration too");
    expect(() => selectUnits(folderWith({ 'V1__a.sql': "SELECT '${x';\n" }))).toThrow('V1__a.sql:1:9: "${" opens a Flyway placeholder that no "}" closes');
  });

  it('flyway.placeholderReplacement=false (or placeholderReplacement=false in <file>.conf) runs the text as written', () => {
    const off = folderWith({ 'flyway.conf': 'flyway.placeholderReplacement=false\n', 'V1__a.sql': "SELECT '${region}';\n" });
    expect(sqlOf(off)).toEqual(["V1__a.sql: SELECT '${region}';\n"]);
    const script = folderWith({ 'V1__a.sql': "SELECT '${region}';\n", 'V1__a.sql.conf': 'placeholderReplacement=false\n' });
    expect(sqlOf(script)).toEqual(["V1__a.sql: SELECT '${region}';\n"]);
  });
});

describe('Flyway’s other files', () => {
  it('B<version>__ baseline migrations: on an empty database the latest runs instead of the versions up to it, then the later ones', () => {
    const dir = folderWith({
      'B2__baseline.sql': 'CREATE TABLE t (id int, b int);',
      'B1__older.sql': 'SELECT 1;',
      'V1__init.sql': 'CREATE TABLE t (id int);',
      'V2__add_b.sql': 'ALTER TABLE t ADD COLUMN b int;',
      'V3__add_c.sql': 'ALTER TABLE t ADD COLUMN c int;',
    });
    expect(selectUnits(dir).units.map((u) => `${u.file} ${u.version}`)).toEqual(['B2__baseline.sql 2', 'V3__add_c.sql 3']);
  });

});

describe('which files Flyway runs: names as its ResourceNameParser reads them', () => {
  it('the suffix counts in any case (V2__more.SQL runs), hidden folders are not scanned, and other .sql names are skipped and listed, as Flyway skips them', async () => {
    const dir = folderWith({
      'V1__init.sql': 'CREATE TABLE t (id int);',
      'V2__more.SQL': 'ALTER TABLE t ADD COLUMN b int;',
      '.backup/V3__old.sql': 'DROP TABLE t;',
      'notes.sql': 'not sql at all',
      'v4__lower_case.sql': 'DROP TABLE t;',
      'R1__versioned_repeatable.sql': 'DROP TABLE t;',
    });
    expect(selectUnits(dir).units.map((u) => u.file)).toEqual(['V1__init.sql', 'V2__more.SQL']);
    db = await scratchDatabase('flyway');
    const lines: string[] = [];
    await replayLegacy(db.client, dir, { log: (line) => lines.push(line) });
    expect(lines).toEqual([
      'R1__versioned_repeatable.sql: skipped: Flyway does not run it: a repeatable migration or callback name cannot hold a version (R__<description>.sql)',
      'notes.sql: skipped: Flyway does not run it: not a Flyway migration or callback name (V<version>__<description>.sql, R__<description>.sql, afterMigrate.sql …)',
      'v4__lower_case.sql: skipped: Flyway does not run it: not a Flyway migration or callback name (V<version>__<description>.sql, R__<description>.sql, afterMigrate.sql …)',
    ]);
    expect((await db.client.query("SELECT count(*)::int AS n FROM pg_attribute WHERE attrelid = 't'::regclass AND attnum > 0")).rows).toEqual([{ n: 2 }]);
    const strict = folderWith({ 'flyway.conf': 'flyway.validateMigrationNaming=true\n', 'V1__init.sql': 'SELECT 1;', 'notes.sql': '' });
    expect(() => selectUnits(strict)).toThrow(`${strict}: flyway.validateMigrationNaming=true, and Flyway refuses these names ("Invalid SQL filenames found"): notes.sql. Rename them, or move them out of ${strict}.`);
  });

  it('prefix, separator and suffixes come from flyway.conf (sqlMigrationPrefix, sqlMigrationSeparator, sqlMigrationSuffixes)', () => {
    const dir = folderWith({
      'flyway.conf': 'flyway.sqlMigrationPrefix=M\nflyway.repeatableSqlMigrationPrefix=A\nflyway.sqlMigrationSeparator=-\nflyway.sqlMigrationSuffixes=.pgsql,.sql\n',
      'M2-second.sql': 'SELECT 2;',
      'M1-first_one.pgsql': 'SELECT 1;',
      'A-views.sql': 'SELECT 3;',
      'V3__not_with_these_settings.sql': 'SELECT 4;',
    });
    expect(selectUnits(dir, { format: 'flyway' }).units.map((u) => `${u.file} ${u.version} ${u.name}`)).toEqual(['M1-first_one.pgsql 1 first one', 'M2-second.sql 2 second', 'A-views.sql  views']);
  });

  it('two repeatable migrations with one description are refused, as Flyway refuses them', () => {
    const dir = folderWith({ 'V1__init.sql': 'SELECT 1;', 'R__views.sql': 'SELECT 1;', 'more/R__views.sql': 'SELECT 2;' });
    expect(() => selectUnits(dir)).toThrow(`${dir}: the repeatable migrations R__views.sql and more/R__views.sql have the same description ("views"): Flyway refuses this too ("Found more than one repeatable migration with description"); rename one of them`);
  });
});

describe('which statements run outside a transaction: those Flyway’s PostgreSQL parser finds, and only those', () => {
  it('REINDEX SCHEMA and DISCARD ALL run statement by statement, as Flyway runs them', async () => {
    const dir = folderWith({ 'V1__init.sql': 'CREATE TABLE t (id int PRIMARY KEY);', 'V2__reindex.sql': '-- maintenance\nREINDEX SCHEMA public;\n', 'V3__discard.sql': 'DISCARD ALL;' });
    expect(selectUnits(dir).units.map((u) => [u.file, u.transaction, u.reason ?? ''])).toEqual([
      ['V1__init.sql', 'file', ''],
      ['V2__reindex.sql', 'none', 'REINDEX SCHEMA at line 2'],
      ['V3__discard.sql', 'none', 'DISCARD ALL at line 1'],
    ]);
    db = await scratchDatabase('flyway');
    await replayLegacy(db.client, dir);
    expect((await db.client.query("SELECT to_regclass('t')::text AS t")).rows).toEqual([{ t: 't' }]);
  });

  it('CREATE UNIQUE INDEX CONCURRENTLY (four keywords) and REINDEX TABLE CONCURRENTLY escape Flyway’s parser: it runs them in a transaction, where they fail, and so does the replay', async () => {
    const dir = folderWith({ 'V1__init.sql': 'CREATE TABLE t (id int);', 'V2__index.sql': 'CREATE UNIQUE INDEX CONCURRENTLY t_id ON t (id);\n' });
    expect(selectUnits(dir).units.map((u) => u.transaction)).toEqual(['file', 'file']);
    expect(selectUnits(folderWith({ 'V1__a.sql': 'REINDEX TABLE CONCURRENTLY t;' })).units[0]!.transaction).toBe('file');
    db = await scratchDatabase('flyway');
    await expect(replayLegacy(db.client, dir)).rejects.toThrow('V2__index.sql:1:1: CREATE INDEX CONCURRENTLY cannot run inside a transaction block');
  });

  it('a migration mixing both kinds is refused as Flyway refuses it (mixed=false), unless flyway.mixed=true or its .conf says executeInTransaction', () => {
    const files = { 'V1__mixed.sql': 'CREATE TABLE c (id int);\nCREATE INDEX CONCURRENTLY c_id ON c (id);\n' };
    expect(() => selectUnits(folderWith(files))).toThrow(
      'V1__mixed.sql:2: holds CREATE INDEX CONCURRENTLY (line 2), which Flyway runs outside a transaction, with statements it runs in one: Flyway refuses this migration ("Detected both transactional and non-transactional statements within the same migration (even though mixed is false)"). Move the CREATE INDEX CONCURRENTLY into a migration of its own, or set flyway.mixed=true if production ran with it.',
    );
    expect(selectUnits(folderWith({ ...files, 'flyway.conf': 'flyway.mixed=true\n' })).units.map((u) => [u.transaction, u.reason])).toEqual([['none', 'CREATE INDEX CONCURRENTLY at line 2']]);
    expect(selectUnits(folderWith({ ...files, 'V1__mixed.sql.conf': 'executeInTransaction=false\n' })).units.map((u) => u.transaction)).toEqual(['none']);
  });

  it('executeInTransaction as Flyway reads it: true/false in any case in <file>.conf, true forcing a transaction; flyway.executeInTransaction=false for all; another value refused', () => {
    const dir = folderWith({
      'V1__a.sql': 'CREATE TABLE a (id int);',
      'V1__a.sql.conf': 'executeInTransaction = FALSE\n',
      'V2__vacuum.sql': 'VACUUM;',
      'V2__vacuum.sql.conf': 'executeInTransaction: true\n',
    });
    expect(selectUnits(dir).units.map((u) => [u.file, u.transaction, u.reason ?? ''])).toEqual([
      ['V1__a.sql', 'none', 'executeInTransaction=false in V1__a.sql.conf'],
      ['V2__vacuum.sql', 'file', ''],
    ]);
    const global = folderWith({ 'flyway.conf': 'flyway.executeInTransaction=false\n', 'V1__a.sql': 'CREATE TABLE a (id int);\nCREATE INDEX CONCURRENTLY a_id ON a (id);\n' });
    expect(selectUnits(global).units.map((u) => [u.transaction, u.reason])).toEqual([['none', 'flyway.executeInTransaction=false']]);
    expect(() => selectUnits(folderWith({ 'V1__a.sql': 'SELECT 1;', 'V1__a.sql.conf': 'executeInTransaction=no\n' }))).toThrow('V1__a.sql.conf: executeInTransaction=no: Flyway refuses this too ("should be either true or false"). Write true or false.');
  });

  it('placeholderReplacement=true in <file>.conf replaces in that file even when the config turns replacement off', () => {
    const dir = folderWith({ 'flyway.conf': 'flyway.placeholderReplacement=false\nflyway.placeholders.x=1\n', 'V1__a.sql': "SELECT '${x}';\n", 'V1__a.sql.conf': 'placeholderReplacement=true\n', 'V2__b.sql': "SELECT '${x}';\n" });
    expect(sqlOf(dir)).toEqual(["V1__a.sql: SELECT '1';\n", "V2__b.sql: SELECT '${x}';\n"]);
  });
});

describe('Flyway’s connection: one for all migrations, the role and search_path reset before each, its schemas made first', () => {
  it('a setting of one migration reaches the next (check_function_bodies), a search_path does not', async () => {
    const dir = folderWith({
      'V1__settings.sql': 'SET check_function_bodies = off;\nCREATE SCHEMA app;\nSET search_path = app;\n',
      'V2__function.sql': 'CREATE FUNCTION later_count() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM later $$;\n',
      'V3__later.sql': 'CREATE TABLE later (id int);\n',
    });
    db = await scratchDatabase('flyway');
    await replayLegacy(db.client, dir);
    expect((await db.client.query("SELECT to_regclass('public.later')::text AS t, to_regprocedure('public.later_count()')::text AS f")).rows).toEqual([{ t: 'later', f: 'later_count()' }]);
    expect((await db.client.query('SHOW check_function_bodies')).rows).toEqual([{ check_function_bodies: 'on' }]);
  });

  it('flyway.schemas: Flyway creates the missing ones before migrating, after its createSchema callback, and runs the migrations with the first ahead on the search_path', async () => {
    const dir = folderWith({
      'flyway.conf': 'flyway.schemas=app,audit\n',
      'createSchema.sql': "CREATE TABLE public.seen AS SELECT count(*)::int AS n FROM pg_namespace WHERE nspname IN ('app', 'audit');\n",
      'beforeValidate.sql': 'SELECT 1/0;\n',
      'V1__init.sql': 'CREATE TABLE account (id int);\n',
    });
    db = await scratchDatabase('flyway');
    const lines: string[] = [];
    await replayLegacy(db.client, dir, { log: (line) => lines.push(line) });
    expect(lines[0]).toBe('beforeValidate.sql: skipped: a Flyway callback (beforeValidate): on an empty database schema app does not exist yet when migrate validates, and Flyway skips validation and its callbacks');
    expect((await db.client.query("SELECT to_regclass('app.account')::text AS t, to_regnamespace('audit')::text AS s, (SELECT n FROM public.seen) AS n")).rows).toEqual([{ t: 'app.account', s: 'audit', n: 0 }]);
  });
});

const LOGGED = "INSERT INTO public.events (what) VALUES ('${flyway:filename}');\n";

describe('Flyway SQL callbacks, run as a successful flyway migrate of an empty database runs them', () => {
  it('each event in Flyway’s order, several for one event by description, ${flyway:filename} their own; error, clean and beforeConnect callbacks skipped', async () => {
    const dir = folderWith({
      'afterConnect.sql': `CREATE TABLE public.events (n serial PRIMARY KEY, what text);\n${LOGGED}`,
      ...Object.fromEntries(
        ['beforeValidate', 'afterValidate', 'createSchema', 'beforeCreateSchema', 'beforeMigrate', 'callbacks/beforeEachMigrate', 'beforeEachMigrateStatement', 'afterEachMigrateStatement', 'afterEachMigrate', 'afterVersioned', 'beforeRepeatables', 'afterMigrateApplied', 'afterMigrate', 'afterMigrate__a-b', 'afterMigrate__a', 'afterMigrate__a_b'].map((name) => [`${name}.sql`, LOGGED]),
      ),
      'afterMigrateError.sql': 'SELECT 1/0;',
      'beforeClean.sql': 'SELECT 1/0;',
      'beforeConnect.sql': 'SELECT 1/0;',
      'V1__one.sql': LOGGED,
      'V2__two.sql': `${LOGGED}${LOGGED}`,
      'R__again.sql': LOGGED,
    });
    db = await scratchDatabase('flyway');
    const lines: string[] = [];
    await replayLegacy(db.client, dir, { log: (line) => lines.push(line) });
    expect(lines.filter((line) => line.includes('skipped'))).toEqual([
      'afterMigrateError.sql: skipped: a Flyway callback (afterMigrateError): a successful flyway migrate does not fire it',
      'beforeClean.sql: skipped: a Flyway callback (beforeClean): a successful flyway migrate does not fire it',
      'beforeConnect.sql: skipped: a Flyway callback (beforeConnect): Flyway runs only script callbacks (.sh, .ps1 …) before connecting, never SQL',
    ]);
    const each = (migration: string[]) => ['beforeEachMigrate', ...migration.flatMap((m) => ['beforeEachMigrateStatement', m, 'afterEachMigrateStatement']), 'afterEachMigrate'];
    expect((await db.client.query('SELECT what FROM public.events ORDER BY n')).rows.map((r) => r.what.replace(/\.sql$/, ''))).toEqual([
      'afterConnect', 'beforeValidate', 'afterValidate', 'createSchema', 'beforeCreateSchema', 'beforeMigrate',
      ...each(['V1__one']), ...each(['V2__two', 'V2__two']),
      'afterVersioned', 'beforeRepeatables', ...each(['R__again']),
      'afterMigrateApplied', 'afterMigrate', 'afterMigrate__a', 'afterMigrate__a_b', 'afterMigrate__a-b',
    ]);
  });

  it('beforeEachMigrate and afterEachMigrate run in the migration’s session and transaction; beforeMigrate on a connection of its own', async () => {
    const dir = folderWith({
      'beforeMigrate.sql': "SET lock_timeout = '7s';\n",
      'beforeEachMigrate.sql': "SET idle_in_transaction_session_timeout = '9s';\n",
      'V1__seen.sql': "CREATE TABLE seen AS SELECT current_setting('lock_timeout') AS before, current_setting('idle_in_transaction_session_timeout') AS each;\n",
    });
    db = await scratchDatabase('flyway');
    await replayLegacy(db.client, dir);
    expect((await db.client.query('SELECT * FROM seen')).rows).toEqual([{ before: '0', each: '9s' }]);

    const failing = folderWith({ 'V1__t.sql': 'CREATE TABLE t (id int);\n', 'afterEachMigrate.sql': '\nSELECT 1/0;\n' });
    await expect(replayLegacy(db.client, failing)).rejects.toThrow('afterEachMigrate.sql:2:1: division by zero');
    expect((await db.client.query("SELECT to_regclass('t') AS t")).rows).toEqual([{ t: null }]);
  });

  it('afterVersioned runs on a connection of its own between the versioned and the repeatable migrations, which keep their connection’s settings', async () => {
    const dir = folderWith({
      'V1__set.sql': "SET lock_timeout = '7s';\n",
      'afterVersioned.sql': "CREATE TABLE callback_saw AS SELECT current_setting('lock_timeout') AS v;\nSET lock_timeout = '5s';\n",
      'R__read.sql': "CREATE TABLE repeatable_saw AS SELECT current_setting('lock_timeout') AS v;\n",
    });
    db = await scratchDatabase('flyway');
    await replayLegacy(db.client, dir);
    expect((await db.client.query('SELECT (SELECT v FROM callback_saw) AS callback, (SELECT v FROM repeatable_saw) AS repeatable')).rows).toEqual([{ callback: '0', repeatable: '7s' }]);
  });

  it('@<version> bounds the migrations only: the callbacks still run around them, and name no version', () => {
    const dir = folderWith({ 'beforeMigrate.sql': 'SELECT 1;', 'afterVersioned.sql': 'SELECT 1;', 'afterMigrate.sql': 'SELECT 1;', 'V1__a.sql': 'SELECT 1;', 'V2__b.sql': 'SELECT 2;', 'R__r.sql': 'SELECT 3;' });
    expect(selectUnits(dir, { upTo: '1' }).units.map((u) => u.file)).toEqual(['beforeMigrate.sql', 'V1__a.sql', 'afterVersioned.sql', 'R__r.sql', 'afterMigrate.sql']);
    expect(() => selectUnits(dir, { upTo: '3' })).toThrow(`${dir} has no migration with version 3 (versions 1–2)`);
  });

  it('afterMigrateOperationFinish (the migrations’ connection as the last one left it) is refused; two callbacks Flyway names alike are refused as Flyway refuses them', () => {
    const dir = folderWith({ 'V1__a.sql': 'SELECT 1;', 'afterMigrateOperationFinish.sql': 'SELECT 1;' });
    expect(() => selectUnits(dir)).toThrow("afterMigrateOperationFinish.sql: a Flyway callback (afterMigrateOperationFinish) that runs after afterMigrate on the migrations' connection, as the last migration left it, outside a transaction: the replay cannot reproduce that session. Move what it does into afterMigrate.sql, or out of the folder if production ran without it.");
    const twice = folderWith({ 'V1__a.sql': 'SELECT 1;', 'afterMigrate__grants.sql': 'SELECT 1;', 'more/afterMigrate__grants.sql': 'SELECT 2;' });
    expect(() => selectUnits(twice)).toThrow(`${twice}: two SQL callbacks called afterMigrate__grants (afterMigrate__grants.sql and more/afterMigrate__grants.sql): Flyway refuses this too ("Found more than 1 SQL callback script called"); rename or remove one of them`);
  });
});
