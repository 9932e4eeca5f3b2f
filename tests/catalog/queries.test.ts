import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIST_KEYS, KINDS } from '../../harness/catalog/kinds.js';
import { gateQuery, QUERY_NAMES, withFragments, type QueryName } from '../../harness/catalog/queries.js';
import { PART_QUERIES } from '../../harness/catalog/read.js';

const QUERIES = join(import.meta.dirname, '..', '..', 'harness', 'catalog', 'queries');

describe('catalog query files', () => {
  it('version gates: one condition or several, on the line they end', () => {
    const sql = ['a, -- pg>=17', 'b, -- pg>=15 pg<17', 'c -- pg<15', 'd'].join('\n');
    expect(gateQuery(sql, 130011)).toBe('c\nd');
    expect(gateQuery(sql, 150004)).toBe('b,\nd');
    expect(gateQuery(sql, 160000)).toBe('b,\nd');
    expect(gateQuery(sql, 180001)).toBe('a,\nd');
  });

  it('NOT_EXTENSION_MEMBER(catalog, oid) is the one extension filter', () => {
    expect(gateQuery('WHERE NOT_EXTENSION_MEMBER(pg_class, c.oid)', 150000)).toBe(
      "WHERE NOT EXISTS (SELECT FROM pg_depend ext WHERE ext.refclassid = 'pg_extension'::regclass AND ext.deptype = 'e' AND ext.classid = 'pg_class'::regclass AND ext.objid = c.oid)",
    );
  });

  it('every file is a registered query, ends in a complete ORDER BY … COLLATE "C" (a part: by relation OID, then within it), and filters extension members', () => {
    const files = readdirSync(QUERIES).map((f) => f.replace(/\.sql$/, ''));
    expect(files.sort()).toEqual([...QUERY_NAMES].sort());
    for (const name of files) {
      const sql = withFragments(readFileSync(join(QUERIES, `${name}.sql`), 'utf8')).trim();
      if (PART_QUERIES.has(name as QueryName)) {
        // the OID the row is joined by (its relid), then a name or position that is unique within a relation
        const relid = /^SELECT (\w+\.oid) AS relid,/m.exec(sql)?.[1];
        expect(sql, name).toMatch(new RegExp(`\\nORDER BY ${relid?.replace('.', '\\.')}, (\\w+\\.attnum|\\w+\\.\\w+ COLLATE "C");$`));
      } else {
        expect(sql, name).toMatch(/\nORDER BY [^\n]*COLLATE "C"[^\n]*;$/);
      }
      // extensions.sql lists the extensions themselves
      if (name !== 'extensions') expect(sql, name).toMatch(/NOT_EXTENSION_MEMBER\(/);
    }
  });

  it('every stand-alone kind of the registry has its query file and a section', () => {
    for (const key of LIST_KEYS) {
      expect(QUERY_NAMES, key).toContain(KINDS[key].query);
      expect(KINDS[key].section.length, key).toBeGreaterThan(0);
    }
  });
});
