import { describe, expect, it } from 'vitest';
import { snapshotOf, tableIn } from '../support/catalog.js';

describe('catalog: indexes', () => {
  it('describes method, uniqueness, partial predicate, INCLUDE, order and the owning constraint', async () => {
    const snapshot = await snapshotOf(`
      CREATE TABLE t (id int PRIMARY KEY, email text, data jsonb, at timestamptz, deleted boolean, code text UNIQUE);
      CREATE UNIQUE INDEX t_email_live ON t (lower(email)) WHERE NOT deleted;
      CREATE INDEX t_data_gin ON t USING gin (data);
      CREATE INDEX t_at_desc ON t (at DESC NULLS LAST, id) INCLUDE (email);
      CREATE INDEX t_code_hash ON t USING hash (code);
    `);
    const indexes = tableIn(snapshot, 't').indexes;
    expect(indexes.map(({ name, method, unique, primary, predicate, constraint, valid }) => ({ name, method, unique, primary, predicate, constraint, valid }))).toEqual([
      { name: 't_at_desc', method: 'btree', unique: false, primary: false, predicate: null, constraint: null, valid: true },
      { name: 't_code_hash', method: 'hash', unique: false, primary: false, predicate: null, constraint: null, valid: true },
      { name: 't_code_key', method: 'btree', unique: true, primary: false, predicate: null, constraint: 't_code_key', valid: true },
      { name: 't_data_gin', method: 'gin', unique: false, primary: false, predicate: null, constraint: null, valid: true },
      { name: 't_email_live', method: 'btree', unique: true, primary: false, predicate: '(NOT deleted)', constraint: null, valid: true },
      { name: 't_pkey', method: 'btree', unique: true, primary: true, predicate: null, constraint: 't_pkey', valid: true },
    ]);
    const definition = (name: string) => indexes.find((i) => i.name === name)?.definition;
    expect(definition('t_at_desc')).toBe('CREATE INDEX t_at_desc ON public.t USING btree (at DESC NULLS LAST, id) INCLUDE (email)');
    expect(definition('t_email_live')).toBe('CREATE UNIQUE INDEX t_email_live ON public.t USING btree (lower(email)) WHERE (NOT deleted)');
  });

  it('tells a unique constraint from a unique index on the same column', async () => {
    const constraint = await snapshotOf('CREATE TABLE t (code text CONSTRAINT t_code_key UNIQUE);');
    const index = await snapshotOf('CREATE TABLE t (code text); CREATE UNIQUE INDEX t_code_key ON t (code);');
    expect(tableIn(constraint, 't').indexes[0]?.constraint).toBe('t_code_key');
    expect(tableIn(index, 't').indexes[0]?.constraint).toBeNull();
    expect(tableIn(index, 't').constraints).toEqual([]);
    expect(constraint).not.toEqual(index);
  });

  it('does not attribute a foreign key to the referenced unique index', async () => {
    const snapshot = await snapshotOf('CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (p_id int REFERENCES p (id));');
    expect(tableIn(snapshot, 'p').indexes.map((i) => i.constraint)).toEqual(['p_pkey']);
    expect(tableIn(snapshot, 'c').indexes).toEqual([]);
  });
});
