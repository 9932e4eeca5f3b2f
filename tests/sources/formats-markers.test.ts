import { describe, expect, it } from 'vitest';
import { selectUnits } from '../../harness/sources/legacy.js';
import { interpolationIn } from '../../harness/sources/formats/goose.js';
import { folderWith } from '../support/folders.js';

const FUNCTION_WITH = (line: string) => `CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$\nBEGIN\n${line}\n  RETURN 1;\nEND $$;\n`;

describe('markers are read where the reader reads them: a plain folder by the lexer', () => {
  it('a dbmate down marker inside a dollar-quoted body is not a down section (psql runs the file)', () => {
    const dir = folderWith({ '001_a.sql': FUNCTION_WITH('-- migrate:down') });
    const selected = selectUnits(dir);
    expect(selected.format.name).toBe('plain');
    expect(selected.units.map((u) => u.file)).toEqual(['001_a.sql']);
    // a real top-level down marker still is
    const real = folderWith({ '001_a.sql': 'CREATE TABLE a (id int);\n-- migrate:down\nDROP TABLE a;\n' });
    expect(() => selectUnits(real, { format: 'plain' })).toThrow('001_a.sql:2: "-- migrate:down" starts a dbmate down section');
  });

  it('an up marker inside a block comment or a string does not make the folder a tool’s', () => {
    const comment = folderWith({ '001_a.sql': '/* how this was ported:\n-- +goose Up\n-- migrate:up\n-- Up Migration\n*/\nCREATE TABLE a (id int);\n' });
    expect(selectUnits(comment).format.name).toBe('plain');
    const string = folderWith({ '001_a.sql': "COMMENT ON SCHEMA public IS '\n-- +goose Up\n';\n" });
    expect(selectUnits(string).format.name).toBe('plain');
    // a goose file is still goose
    expect(selectUnits(folderWith({ '001_a.sql': '-- +goose Up\nSELECT 1;\n' })).format.name).toBe('goose');
  });
});

describe('Atlas reads its directives from the file header only (ariga/atlas sql/migrate/dir.go LocalFile.comments)', () => {
  const atlas = (sql: string) => folderWith({ 'atlas.sum': '', '20250101000000_a.sql': sql });
  const modes = (dir: string) => selectUnits(dir).units.map((u) => u.transaction);

  it('`-- atlas:txmode none` inside a function body is not a directive', () => {
    expect(modes(atlas(FUNCTION_WITH('-- atlas:txmode none')))).toEqual(['file']);
  });

  it('a header is the leading comment lines followed by a blank line', () => {
    expect(modes(atlas('-- atlas:txmode none\n\nCREATE INDEX CONCURRENTLY i ON t (x);\n'))).toEqual(['none']);
    expect(modes(atlas('-- generated\n-- atlas:txmode none\n\nSELECT 1;\n'))).toEqual(['none']);
    // attached to the first statement: a comment of it, not a directive
    expect(modes(atlas('-- atlas:txmode none\nSELECT 1;\n'))).toEqual(['file']);
    expect(modes(atlas('SELECT 1;\n\n-- atlas:txmode none\n\nSELECT 2;\n'))).toEqual(['file']);
  });

  it('refuses the txmode values Atlas refuses', () => {
    expect(() => selectUnits(atlas('-- atlas:txmode all\n\nSELECT 1;\n'))).toThrow('20250101000000_a.sql:1: txmode "all" is not allowed in a file directive (Atlas refuses this file too): use "file"');
    expect(() => selectUnits(atlas('-- atlas:txmode none\n-- atlas:txmode file\n\nSELECT 1;\n'))).toThrow('20250101000000_a.sql:2: a second atlas:txmode directive (Atlas refuses this file too)');
    expect(() => selectUnits(atlas('-- atlas:txmode nope\n\nSELECT 1;\n'))).toThrow('20250101000000_a.sql:1: unknown txmode "nope" (Atlas refuses this file too): use "none" or "file"');
  });
});

describe('goose annotations, as goose ≥ 3.19 reads them (pressly/goose internal/sqlparser/parser.go)', () => {
  const goose = (sql: string) => folderWith({ '00001_a.sql': sql });

  it('-- +goose ENVSUB ON: a line goose would substitute is refused, naming the line', () => {
    const dir = goose('-- +goose ENVSUB ON\n-- +goose Up\nCREATE ROLE ${APP_ROLE};\n-- +goose Down\nDROP ROLE ${APP_ROLE};\n');
    expect(() => selectUnits(dir)).toThrow('00001_a.sql:3: "-- +goose ENVSUB ON" makes goose substitute environment variables in this line (${APP_ROLE}): the replay cannot know the values production had; write them out, or put "-- +goose ENVSUB OFF" before the line');
  });

  it('ENVSUB is case-insensitive; goose turns `$$` into `$`, so a dollar-quoted body is refused too; ENVSUB OFF ends it', () => {
    const dollar = goose(`-- +goose Up\n-- +goose envsub on\n-- +goose StatementBegin\n${FUNCTION_WITH('')}-- +goose StatementEnd\n`);
    expect(() => selectUnits(dollar)).toThrow('00001_a.sql:4: "-- +goose ENVSUB ON" makes goose substitute environment variables in this line ($$)');
    const off = goose(`-- +goose Up\n-- +goose ENVSUB ON\nCREATE TABLE a (id int);\n-- +goose ENVSUB OFF\n-- +goose StatementBegin\n${FUNCTION_WITH('')}-- +goose StatementEnd\n`);
    expect(selectUnits(off).units[0]!.statements!.length).toBe(2);
  });

  it('what goose’s interpolation changes, leaves, or fails on (mfridman/interpolate v0.0.2)', () => {
    for (const same of ['SELECT 1;', "SELECT '\\\\';", 'SELECT $(x);', 'price $', '']) expect(interpolationIn(same)).toBeUndefined();
    expect(interpolationIn('GRANT ${ROLE:-app} TO x;')).toEqual({ text: '${ROLE:-app}' });
    expect(interpolationIn('x ${A:-$B} $C')).toEqual({ text: '${A:-$B}' });
    expect(interpolationIn('SELECT \\$x')).toEqual({ text: '\\$' });
    expect(interpolationIn('SELECT $1;')).toMatchObject({ error: 'a name must start with a letter, not "1"' });
    expect(interpolationIn('x ${A:1:2} ${B:z}')).toMatchObject({ error: '"z" is not a number' });
    // NO TRANSACTION in any case, anywhere in the file
    expect(selectUnits(goose('-- +goose Up\nSELECT 1;\n-- +goose Down\n-- +goose no transaction\nSELECT 2;\n')).units[0]!.transaction).toBe('none');
  });

  it('annotations are matched case-insensitively: -- +goose statementbegin keeps a body whole', () => {
    const dir = goose(`-- +goose up\n-- +goose statementbegin\n${FUNCTION_WITH('  PERFORM 1;')}-- +goose statementend\n`);
    expect(selectUnits(dir).units[0]!.statements!.length).toBe(1);
  });

  it('refuses what goose refuses: an unknown annotation (ENVSUBST), leading whitespace, trailing text, a +goose in a comment', () => {
    expect(() => selectUnits(goose('-- +goose Up\n-- +goose ENVSUBST ON\nSELECT 1;\n'))).toThrow('00001_a.sql:2: "-- +goose ENVSUBST ON": "ENVSUBST ON" is not a goose annotation (goose refuses this file too)');
    expect(() => selectUnits(goose('-- +goose Up\n  -- +goose StatementBegin\nSELECT 1;\n  -- +goose StatementEnd\n'))).toThrow('00001_a.sql:2: "  -- +goose StatementBegin": an annotation with leading whitespace (goose refuses this file too)');
    expect(() => selectUnits(goose('-- +goose Up -- the schema\nSELECT 1;\n'))).toThrow('00001_a.sql:1: "-- +goose Up -- the schema": "Up  the schema" is not a goose annotation (goose refuses this file too)');
    expect(() => selectUnits(goose('-- +goose Up\n-- TODO: split with +goose StatementBegin\nSELECT 1;\n'))).toThrow('00001_a.sql:2:');
  });

  it('goose parses the down section too: a file whose down section it refuses is not run', () => {
    expect(() => selectUnits(goose('-- +goose Up\nSELECT 1;\n-- +goose Down\n-- +goose StatementBegin\nSELECT 2;\n'))).toThrow('00001_a.sql:6: a "-- +goose StatementBegin" without "-- +goose StatementEnd" (goose refuses this file too)');
    expect(() => selectUnits(goose('-- +goose Up\nSELECT 1;\n-- +goose Down\nSELECT 2\n'))).toThrow('00001_a.sql:4: a down statement without its closing semicolon (goose refuses this file too)');
    expect(() => selectUnits(goose('-- +goose Up\nSELECT 1;\n-- +goose Down\n-- +goose Up\n'))).toThrow('00001_a.sql:4: a second "-- +goose Up" (goose refuses this file too)');
  });
});
