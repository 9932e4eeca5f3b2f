import { describe, expect, it } from 'vitest';
import { visibleText } from '../../harness/compare/visible.js';
import { z } from 'zod';
import { ident } from '../../harness/catalog/identity.js';
import { COVERED_KINDS, duplicateIdentity } from '../../harness/catalog/kinds.js';
import type { Snapshot } from '../../harness/catalog/model.js';
import { QUERY_NAMES } from '../../harness/catalog/queries.js';
import { PART_KEYS, partProps, partsOf, partSpec, RELATION_KEYS, relationProps, relationSpec, type PartKey, type RelationKey } from '../../harness/catalog/relations.js';
import { compare } from '../../harness/compare/compare.js';
import { DuplicateIdentityError } from '../../harness/compare/match.js';
import { jsonReport } from '../../harness/compare/report-json.js';
import { junitReport } from '../../harness/compare/report-junit.js';
import { markdownReport } from '../../harness/compare/report-markdown.js';
import { textReport } from '../../harness/compare/report-text.js';
import { OBJECT_KINDS } from '../../harness/compare/types.js';
import { snapshotOf } from '../support/catalog.js';

type Relation = Record<string, unknown> & { schema: string; name: string };
type Part = Record<string, unknown> & { name: string };

const LABELS = { a: 'a', b: 'b' };

/** Every relation kind with every part it can carry, on a real server. */
const EVERY_PART = `
  CREATE TABLE t (id int PRIMARY KEY, code text CONSTRAINT t_code_key UNIQUE, n int CONSTRAINT t_n_check CHECK (n > 0));
  CREATE INDEX t_n_idx ON t (n);
  CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
  CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch();
  ALTER TABLE t ENABLE ROW LEVEL SECURITY;
  CREATE POLICY t_read ON t FOR SELECT USING (n > 0);
  CREATE RULE t_keep AS ON DELETE TO t WHERE OLD.n = 1 DO INSTEAD NOTHING;
  CREATE VIEW v AS SELECT id, code FROM t;
  CREATE TRIGGER v_insert INSTEAD OF INSERT ON v FOR EACH ROW EXECUTE FUNCTION touch();
  CREATE RULE v_delete AS ON DELETE TO v DO INSTEAD NOTHING;
  CREATE MATERIALIZED VIEW mv AS SELECT id FROM t;
  CREATE INDEX mv_id_idx ON mv (id);
`;

/** A value that differs from `value` (any JSON value of the snapshot). */
function other(value: unknown): unknown {
  if (typeof value === 'boolean') return !value;
  if (typeof value === 'number') return value + 1;
  if (typeof value === 'string') return `${value} x`;
  if (Array.isArray(value)) return [...value, 'x'];
  return 'x';
}

/** The snapshot with `edit` applied to a deep copy of it. */
function edited(snapshot: Snapshot, edit: (copy: Snapshot) => void): Snapshot {
  const copy = structuredClone(snapshot);
  edit(copy);
  return copy;
}

const relationsOf = (s: Snapshot, key: RelationKey) => s[key] as unknown as Relation[];
const differencesOf = (a: Snapshot, b: Snapshot) => compare(a, b).differences.map((d) => [d.kind, d.object, d.path, d.property ?? null]);

describe('the registry of relations and their parts (catalog/relations.ts)', () => {
  it("declares every list of parts its relations' models hold, each with its query file, heading and coverage-guard kinds", () => {
    for (const key of RELATION_KEYS) {
      const shape = relationSpec(key).model.shape as Record<string, z.ZodType>;
      // what the type checker enforces, read back from the zod models at run time
      const lists = Object.keys(shape).filter((field) => shape[field] instanceof z.ZodArray && (shape[field] as z.ZodArray).element instanceof z.ZodObject);
      expect(partsOf(key), key).toEqual(lists);
      expect(QUERY_NAMES, key).toContain(relationSpec(key).query);
      for (const word of Object.keys(relationSpec(key).objects)) expect(OBJECT_KINDS, key).toContain(word);
      for (const kind of relationSpec(key).covers) expect(COVERED_KINDS, key).toContain(kind);
    }
    // every declared part belongs to some relation, and every part of a relation is declared
    expect(new Set(RELATION_KEYS.flatMap((key) => partsOf(key)))).toEqual(new Set(PART_KEYS));
    for (const key of PART_KEYS) {
      const spec = partSpec(key);
      expect(QUERY_NAMES, key).toContain(spec.query);
      expect(spec.heading.length, key).toBeGreaterThan(0);
      expect(OBJECT_KINDS, key).toContain(spec.object);
      for (const kind of spec.covers) expect(COVERED_KINDS, key).toContain(kind);
      expect(partProps(key), key).not.toContain('name');
    }
  });

  it('drives the snapshot, the comparison (every compared property), every report format and the duplicate check, for every relation kind and part', async () => {
    const snapshot = await snapshotOf(EVERY_PART);
    const reached: string[] = [];
    for (const key of RELATION_KEYS) {
      const spec = relationSpec(key) as unknown as { objects: Record<string, string>; objectOf: (r: Relation) => string; identity: (r: Relation) => string; groupsParts?: true };
      const relations = relationsOf(snapshot, key);
      // the snapshot has a relation of each of its words
      expect(relations.map((r) => spec.objectOf(r)).sort(), key).toEqual(expect.arrayContaining(Object.keys(spec.objects)));

      for (const [i, relation] of relations.entries()) {
        const object = spec.objectOf(relation);
        const path = spec.identity(relation);
        // missing: one difference, in its section of the text report, counted in markdown, failing in JUnit
        const without = edited(snapshot, (s) => relationsOf(s, key).splice(i, 1));
        const comparison = compare(snapshot, without);
        expect(differencesOf(snapshot, without), path).toEqual([['missing', object, path, null]]);
        const title = spec.objects[object]!;
        expect(textReport(comparison, LABELS).split('\n'), path).toContain(spec.groupsParts ? `${title} only in a:` : title);
        expect(markdownReport(comparison, LABELS), path).toContain(`| ${object} | 1 | 0 | 0 |`);
        expect(junitReport([{ labels: LABELS, comparison }], OBJECT_KINDS), path).toContain(`name="${object}">\n      <failure type="drift" message="1 ${object} difference">`);
        expect(JSON.parse(jsonReport(comparison, LABELS)).differences.map((d: { path: string }) => d.path), path).toEqual([path]);
        // every compared property, changed alone, is one difference
        for (const property of relationProps(key)) {
          const changed = edited(snapshot, (s) => (relationsOf(s, key)[i]![property] = other(relation[property])));
          expect(differencesOf(snapshot, changed), `${path} ${property}`).toEqual([['changed', object, path, property]]);
        }
        reached.push(`${key}:${object}`);

        for (const part of partsOf(key)) {
          const items = relation[part] as Part[];
          if (items.length === 0) continue;
          reached.push(`${key}.${part}`);
          const pspec = partSpec(part);
          const item = items[0]!;
          const partPath = `${path}${pspec.separator}${ident(item.name)}`;
          const at = (s: Snapshot) => relationsOf(s, key)[i]![part] as Part[];

          // twice: refused by the duplicate check, naming both places, and by the comparison of a compared part
          const twice = edited(snapshot, (s) => at(s).push(structuredClone(item)));
          expect(duplicateIdentity(twice), partPath).toEqual({ key: `${path}.${ident(item.name)}`, first: `$.${key}[${i}].${part}[0]`, second: `$.${key}[${i}].${part}[${items.length}]` });

          const removed = edited(snapshot, (s) => at(s).splice(0, 1));
          if (!partsOf(key, 'compared').includes(part)) {
            // stored, not compared (a view's columns follow from its definition)
            expect(differencesOf(snapshot, removed), partPath).toEqual([]);
            expect(() => compare(twice, snapshot)).not.toThrow();
            continue;
          }
          expect(() => compare(twice, snapshot), partPath).toThrow(DuplicateIdentityError);
          reached.push(`${key}.${part} compared`);

          // missing: one difference, under its heading in its relation's group of the text report
          expect(differencesOf(snapshot, removed), partPath).toEqual([['missing', pspec.object, partPath, null]]);
          const comparison = compare(snapshot, removed);
          const text = textReport(comparison, LABELS).split('\n');
          expect(text.slice(2, 4), partPath).toEqual([path, `  ${pspec.heading}`]);
          // its one line: as its part describes it, or its path (a definition's line breaks written as \n)
          expect(text.slice(4), partPath).toEqual([`    - ${visibleText(pspec.describe ? pspec.describe(item) : partPath)}  (only in a)`]);
          expect(markdownReport(comparison, LABELS), partPath).toContain(`| ${pspec.object} | 1 | 0 | 0 |`);
          expect(junitReport([{ labels: LABELS, comparison }], OBJECT_KINDS), partPath).toContain(`name="${pspec.object}">\n      <failure type="drift" message="1 ${pspec.object} difference">`);

          // every compared property, changed alone, is one difference
          for (const property of partProps(part as PartKey)) {
            const changed = edited(snapshot, (s) => (at(s)[0]![property] = other(item[property])));
            expect(differencesOf(snapshot, changed), `${partPath} ${property}`).toEqual([['changed', pspec.object, partPath, property]]);
          }
        }
      }
    }
    // and nothing is declared that the snapshot never reached
    expect(new Set(reached)).toEqual(
      new Set([
        ...RELATION_KEYS.flatMap((key) => Object.keys(relationSpec(key).objects).map((object) => `${key}:${object}`)),
        ...RELATION_KEYS.flatMap((key) => partsOf(key).map((part) => `${key}.${part}`)),
        ...RELATION_KEYS.flatMap((key) => partsOf(key, 'compared').map((part) => `${key}.${part} compared`)),
      ]),
    );
  });

  it('a relation listed twice is refused by the duplicate check and the comparison', async () => {
    const snapshot = await snapshotOf('CREATE TABLE t (id int); CREATE VIEW v AS SELECT id FROM t');
    for (const key of RELATION_KEYS) {
      const twice = edited(snapshot, (s) => relationsOf(s, key).push(structuredClone(relationsOf(s, key)[0]!)));
      expect(duplicateIdentity(twice), key).toEqual({ key: relationSpec(key).identity(relationsOf(snapshot, key)[0] as never), first: `$.${key}[0]`, second: `$.${key}[1]` });
      expect(() => compare(twice, snapshot), key).toThrow(DuplicateIdentityError);
    }
  });
});
