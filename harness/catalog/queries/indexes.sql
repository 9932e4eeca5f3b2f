-- Indexes of tables and materialized views, including the ones that back a primary key, unique
-- or exclusion constraint ("constraint" names it). The server writes the definition (method,
-- columns, opclasses, INCLUDE, predicate, NULLS NOT DISTINCT).
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
       dsc.description AS comment
FROM pg_index ix
JOIN pg_class i ON i.oid = ix.indexrelid
JOIN pg_class t ON t.oid = ix.indrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
JOIN pg_am am ON am.oid = i.relam
LEFT JOIN pg_constraint con ON con.conindid = ix.indexrelid AND con.conrelid = ix.indrelid
                           AND con.contype IN ('p', 'u', 'x')
LEFT JOIN pg_description dsc ON dsc.objoid = i.oid AND dsc.classoid = 'pg_class'::regclass AND dsc.objsubid = 0
WHERE t.relkind IN ('r', 'p', 'm')
  AND n.nspname NOT LIKE 'pg\_%'
  AND n.nspname <> ALL ($1::text[])
  AND NOT_EXTENSION_MEMBER(pg_class, t.oid)
  AND IN_SHARE(t.oid)
-- Ordered by relation OID, then within it: each row goes to its relation, placed by name in
-- its own query (see PART_QUERIES in read.ts).
ORDER BY t.oid, i.relname COLLATE "C";
