import { describe, expect, it } from 'vitest';
import { snapshotOf, tableIn } from '../support/catalog.js';

describe('catalog: functions and triggers', () => {
  it('describes a function: signature, result, language, volatility, strictness, security, config and body lines', async () => {
    const snapshot = await snapshotOf(`
      CREATE FUNCTION add(a int, b int DEFAULT 1) RETURNS int LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS 'SELECT a + b';
      CREATE FUNCTION add(a numeric) RETURNS numeric LANGUAGE sql AS 'SELECT a';
      CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      BEGIN
        NEW.updated_at := now();
        RETURN NEW;
      END $$;
      CREATE PROCEDURE noop() LANGUAGE plpgsql AS $$ BEGIN END $$;
      COMMENT ON FUNCTION touch() IS 'keeps updated_at';
    `);
    expect(snapshot.functions.map((f) => [f.name, f.identityArguments, f.kind])).toEqual([
      ['add', 'a integer, b integer', 'function'],
      ['add', 'a numeric', 'function'],
      ['noop', '', 'procedure'],
      ['touch', '', 'function'],
    ]);
    const [add] = snapshot.functions;
    expect(add).toMatchObject({ arguments: 'a integer, b integer DEFAULT 1', returns: 'integer', language: 'sql', volatility: 'immutable', strict: true, securityDefiner: false, parallel: 'safe', body: ['SELECT a + b'] });
    const touch = snapshot.functions.find((f) => f.name === 'touch');
    expect(touch).toMatchObject({
      returns: 'trigger',
      language: 'plpgsql',
      volatility: 'volatile',
      strict: false,
      securityDefiner: true,
      config: ['search_path=public'],
      comment: 'keeps updated_at',
      body: ['', '      BEGIN', '        NEW.updated_at := now();', '        RETURN NEW;', '      END '],
    });
    expect(snapshot.functions.find((f) => f.name === 'noop')?.returns).toBeNull();
  });

  it('deparses a SQL-standard body (BEGIN ATOMIC) instead of an empty prosrc', async () => {
    const snapshot = await snapshotOf('CREATE FUNCTION one() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END;');
    expect(snapshot.functions[0]?.body.join('\n')).toMatch(/^BEGIN ATOMIC\n SELECT 1;\nEND$/);
  });

  it('describes triggers by the server: timing, events, WHEN, function; and whether enabled', async () => {
    const snapshot = await snapshotOf(`
      CREATE TABLE t (id int, status text, updated_at timestamptz);
      CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
      CREATE TRIGGER t_touch BEFORE UPDATE OF status ON t FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION touch();
      CREATE TRIGGER t_audit AFTER INSERT OR DELETE ON t FOR EACH STATEMENT EXECUTE FUNCTION touch();
      ALTER TABLE t DISABLE TRIGGER t_audit;
    `);
    expect(tableIn(snapshot, 't').triggers).toEqual([
      { name: 't_audit', definition: 'CREATE TRIGGER t_audit AFTER INSERT OR DELETE ON public.t FOR EACH STATEMENT EXECUTE FUNCTION public.touch()', enabled: 'disabled', dependsOnExtensions: null, comment: null },
      { name: 't_touch', definition: 'CREATE TRIGGER t_touch BEFORE UPDATE OF status ON public.t FOR EACH ROW WHEN ((old.status IS DISTINCT FROM new.status)) EXECUTE FUNCTION public.touch()', enabled: 'origin', dependsOnExtensions: null, comment: null },
    ]);
  });

  it('leaves out the internal triggers that implement foreign keys', async () => {
    const snapshot = await snapshotOf('CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (p_id int REFERENCES p);');
    expect(snapshot.tables.flatMap((t) => t.triggers)).toEqual([]);
  });
});
