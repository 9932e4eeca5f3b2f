-- Indexes of tables and materialized views, including the ones that back a primary key, unique
-- or exclusion constraint ("constraint" names it). The server writes the definition (method,
-- columns, opclasses, INCLUDE, predicate, NULLS NOT DISTINCT). A partition's index attached to
-- its parent's index names it ("partitionOf"); DEPENDS ON EXTENSION names the extensions.
SELECT t.oid AS relid, -- joins the row to its relation; never stored
       i.relname AS name,
       pg_get_indexdef(ix.indexrelid) AS definition,
       am.amname AS method,
       ix.indisunique AS "unique",
       ix.indisprimary AS "primary",
       pg_get_expr(ix.indpred, ix.indrelid) AS predicate,
       con.conname AS "constraint",
       ix.indisvalid AS valid,
       -- ALTER INDEX … ALTER COLUMN n SET STATISTICS: -1 is the default before 17, NULL from 17.
       -- The server takes it only for an expression column: an index without expressions has
       -- none, and its columns are not looked up (most indexes: a lookup each was 10% of this query)
       CASE WHEN ix.indexprs IS NOT NULL THEN (SELECT array_agg(ia.attnum || '=' || ia.attstattarget ORDER BY ia.attnum) FROM pg_attribute ia WHERE ia.attrelid = ix.indexrelid AND ia.attstattarget >= 0) END AS statistics, -- pg<17
       CASE WHEN ix.indexprs IS NOT NULL THEN (SELECT array_agg(ia.attnum || '=' || ia.attstattarget ORDER BY ia.attnum) FROM pg_attribute ia WHERE ia.attrelid = ix.indexrelid AND ia.attstattarget IS NOT NULL) END AS statistics, -- pg>=17
       quote_ident(pin.nspname) || '.' || quote_ident(pi.relname) AS "partitionOf",
       dx.extensions AS "dependsOnExtensions",
       dsc.description AS comment
FROM pg_index ix
JOIN pg_class i ON i.oid = ix.indexrelid
JOIN pg_class t ON t.oid = ix.indrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
JOIN pg_am am ON am.oid = i.relam
LEFT JOIN pg_constraint con ON con.conindid = ix.indexrelid AND con.conrelid = ix.indrelid
                           AND con.contype IN ('p', 'u', 'x')
-- only a partition's index can be attached to another (an index has one parent at most)
LEFT JOIN (pg_inherits ih JOIN pg_class pi ON pi.oid = ih.inhparent JOIN pg_namespace pin ON pin.oid = pi.relnamespace)
       ON t.relispartition AND ih.inhrelid = ix.indexrelid
-- DEPENDS ON EXTENSION: rare, so read in one pass over pg_depend, not looked up for every index
LEFT JOIN (SELECT d.objid, array_agg(e.extname::text ORDER BY e.extname COLLATE "C") AS extensions
           FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
           WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'x'
           GROUP BY d.objid) dx ON dx.objid = ix.indexrelid
LEFT JOIN pg_description dsc ON dsc.objoid = i.oid AND dsc.classoid = 'pg_class'::regclass AND dsc.objsubid = 0
WHERE t.relkind IN ('r', 'p', 'm')
  AND n.nspname NOT LIKE 'pg\_%'
  AND n.nspname <> ALL ($1::text[])
  AND NOT_EXTENSION_MEMBER(pg_class, t.oid)
  AND IN_SHARE(t.oid)
-- Ordered by relation OID, then within it: each row goes to its relation, placed by name in
-- its own query (see PART_QUERIES in read.ts).
ORDER BY t.oid, i.relname COLLATE "C";
