-- Views and materialized views: the server's deparsed definition and the options
-- (security_barrier, security_invoker, check_option).
SELECT c.oid AS relid, -- what the rows of columns.sql, indexes.sql… name; never stored
       n.nspname AS schema,
       c.relname AS name,
       c.relkind = 'm' AS materialized,
       pg_get_viewdef(c.oid) AS definition,
       coalesce((SELECT array_agg(o ORDER BY o COLLATE "C") FROM unnest(c.reloptions) o), '{}') AS options,
       obj_description(c.oid, 'pg_class') AS comment
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('v', 'm')
  AND n.nspname NOT LIKE 'pg\_%'
  AND n.nspname <> ALL ($1::text[])
  AND NOT_EXTENSION_MEMBER(pg_class, c.oid)
ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C";
