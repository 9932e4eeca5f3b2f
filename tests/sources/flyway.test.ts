import { afterEach, describe, expect, it } from 'vitest';
import { replayLegacy, selectUnits } from '../../harness/sources/legacy.js';
import { folderWith } from '../support/folders.js';
import { scratchDatabase, type ScratchDatabase } from '../support/scratch.js';

let db: ScratchDatabase | undefined;
afterEach(async () => {
  await db?.drop();
  db = undefined;
});

const sqlOf = (dir: string) => selectUnits(dir).units.map((u) => `${u.file}: ${u.sql}`);

describe('Flyway placeholders, replaced as Flyway replaces them (PlaceholderReplacingReader)', () => {
  it('${name} takes its value from flyway.conf in the folder above the migrations; ${flyway:filename}, ${flyway:table} and ${flyway:defaultSchema} are known', async () => {
    const dir = folderWith({
      'flyway.conf': '# comment\nflyway.locations=filesystem:sql\nflyway.placeholders.region=eu-west-1\nflyway.schemas=app,other\n',
      'sql/V1__init.sql': "CREATE SCHEMA ${flyway:defaultSchema};\nCREATE TABLE ${flyway:defaultSchema}.account (region text DEFAULT '${region}');\n-- ${flyway:filename} ${flyway:table}\n",
    });
    expect(sqlOf(`${dir}/sql`)).toEqual(["V1__init.sql: CREATE SCHEMA app;\nCREATE TABLE app.account (region text DEFAULT 'eu-west-1');\n-- V1__init.sql flyway_schema_history\n"]);
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

  it('a callback (afterMigrate.sql) is refused as what it is: Flyway runs it, the replay does not yet', () => {
    const dir = folderWith({ 'V1__init.sql': 'CREATE TABLE t (id int);', 'afterMigrate.sql': 'GRANT SELECT ON ALL TABLES IN SCHEMA public TO PUBLIC;' });
    expect(() => selectUnits(dir)).toThrow(`${dir}/afterMigrate.sql: a Flyway callback (afterMigrate): Flyway runs it around the migrations, but the replay does not run callbacks yet, so the build would miss what it does. Replay this folder without it only if production ran Flyway without it too (move it out of ${dir}).`);
    const named = folderWith({ 'V1__init.sql': '', 'beforeEachMigrate__grants.sql': '' });
    expect(() => selectUnits(named)).toThrow('beforeEachMigrate__grants.sql: a Flyway callback (beforeEachMigrate)');
  });
});
