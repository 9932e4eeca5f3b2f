-- Tables (plain and partitioned) with the table-level facts: partitioning, inheritance,
-- row-level security, persistence, storage options, replica identity, comment. A typed table's
-- type (OF), an access method other than heap and the CLUSTER ON index are null when absent;
-- the TOAST table's storage options join the table's, prefixed "toast." as WITH (…) sets them.
SELECT c.oid AS relid, -- what the rows of columns.sql, indexes.sql… name; never stored
       n.nspname AS schema,
       c.relname AS name,
       c.relkind = 'p' AS partitioned,
       CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS "partitionKey",
       CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END AS "partitionBound",
       FRAGMENT(parents) AS parents,
       CASE WHEN c.reloftype <> 0 THEN format_type(c.reloftype, NULL) END AS "ofType",
       CASE WHEN am.amname <> 'heap' THEN am.amname::text END AS "accessMethod",
       c.relpersistence = 'u' AS unlogged,
       c.relrowsecurity AS "rowSecurity",
       c.relforcerowsecurity AS "forceRowSecurity",
       coalesce((SELECT array_agg(o ORDER BY o COLLATE "C")
                 FROM (SELECT unnest(c.reloptions) UNION ALL SELECT 'toast.' || unnest(tc.reloptions)) r(o)), '{}') AS options,
       quote_ident(cl.relname) AS "clusterOn",
       CASE c.relreplident WHEN 'd' THEN 'default' WHEN 'f' THEN 'full' WHEN 'n' THEN 'nothing'
         ELSE 'index ' || coalesce((SELECT quote_ident(ri.relname) FROM pg_index rix JOIN pg_class ri ON ri.oid = rix.indexrelid
                                    WHERE rix.indrelid = c.oid AND rix.indisreplident), '(none)') END AS "replicaIdentity",
       dsc.description AS comment
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_description dsc ON dsc.objoid = c.oid AND dsc.classoid = 'pg_class'::regclass AND dsc.objsubid = 0
-- joined, not a sub-select per table: pg_am is tiny, and few tables have TOAST options or CLUSTER ON
LEFT JOIN pg_am am ON am.oid = c.relam
LEFT JOIN pg_class tc ON tc.oid = c.reltoastrelid AND tc.reloptions IS NOT NULL
LEFT JOIN (pg_index clx JOIN pg_class cl ON cl.oid = clx.indexrelid) ON clx.indrelid = c.oid AND clx.indisclustered
WHERE c.relkind IN ('r', 'p')
  AND n.nspname NOT LIKE 'pg\_%'
  AND n.nspname <> ALL ($1::text[])
  AND NOT_EXTENSION_MEMBER(pg_class, c.oid)
ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C";
