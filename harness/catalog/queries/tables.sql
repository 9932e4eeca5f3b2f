-- Tables (plain and partitioned) with the table-level facts: partitioning, inheritance,
-- row-level security, persistence, storage options, replica identity, comment.
SELECT c.oid AS relid, -- what the rows of columns.sql, indexes.sql… name; never stored
       n.nspname AS schema,
       c.relname AS name,
       c.relkind = 'p' AS partitioned,
       CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS "partitionKey",
       CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END AS "partitionBound",
       coalesce((SELECT array_agg(quote_ident(pn.nspname) || '.' || quote_ident(pc.relname) ORDER BY i.inhseqno)
                 FROM pg_inherits i
                 JOIN pg_class pc ON pc.oid = i.inhparent
                 JOIN pg_namespace pn ON pn.oid = pc.relnamespace
                 WHERE i.inhrelid = c.oid), '{}') AS parents,
       c.relpersistence = 'u' AS unlogged,
       c.relrowsecurity AS "rowSecurity",
       c.relforcerowsecurity AS "forceRowSecurity",
       coalesce((SELECT array_agg(o ORDER BY o COLLATE "C") FROM unnest(c.reloptions) o), '{}') AS options,
       CASE c.relreplident WHEN 'd' THEN 'default' WHEN 'f' THEN 'full' WHEN 'n' THEN 'nothing'
         ELSE 'index ' || coalesce((SELECT quote_ident(ri.relname) FROM pg_index rix JOIN pg_class ri ON ri.oid = rix.indexrelid
                                    WHERE rix.indrelid = c.oid AND rix.indisreplident), '(none)') END AS "replicaIdentity",
       dsc.description AS comment
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_description dsc ON dsc.objoid = c.oid AND dsc.classoid = 'pg_class'::regclass AND dsc.objsubid = 0
WHERE c.relkind IN ('r', 'p')
  AND n.nspname NOT LIKE 'pg\_%'
  AND n.nspname <> ALL ($1::text[])
  AND NOT_EXTENSION_MEMBER(pg_class, c.oid)
ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C";
