-- Who owns each of the user's schemas, relations, routines and types (the objects grants.sql
-- reads, columns apart: they are their table's). $1: excluded schema names.
SELECT * FROM (
  SELECT 'schema' AS kind, NULL::text AS schema, n.nspname::text AS object, NULL::text AS arguments, pg_get_userbyid(n.nspowner)::text AS owner
  FROM pg_namespace n
  WHERE n.nspname NOT LIKE 'pg\_%'
    AND n.nspname <> ALL ($1::text[])
    AND NOT_EXTENSION_MEMBER(pg_namespace, n.oid)
  UNION ALL
  SELECT CASE c.relkind WHEN 'S' THEN 'sequence' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'f' THEN 'foreign table' ELSE 'table' END,
         n.nspname, c.relname, NULL, pg_get_userbyid(c.relowner)
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
    AND n.nspname NOT LIKE 'pg\_%'
    AND n.nspname <> ALL ($1::text[])
    AND NOT_EXTENSION_MEMBER(pg_class, c.oid)
  UNION ALL
  SELECT CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE 'function' END,
         n.nspname, p.proname, pg_get_function_identity_arguments(p.oid), pg_get_userbyid(p.proowner)
  FROM pg_proc p
  JOIN pg_namespace n ON n.oid = p.pronamespace
  WHERE n.nspname NOT LIKE 'pg\_%'
    AND n.nspname <> ALL ($1::text[])
    AND NOT_EXTENSION_MEMBER(pg_proc, p.oid)
  UNION ALL
  SELECT 'type', n.nspname, t.typname, NULL, pg_get_userbyid(t.typowner)
  FROM pg_type t
  JOIN pg_namespace n ON n.oid = t.typnamespace
  WHERE (t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c' AND EXISTS (SELECT FROM pg_class c WHERE c.oid = t.typrelid AND c.relkind = 'c')))
    AND n.nspname NOT LIKE 'pg\_%'
    AND n.nspname <> ALL ($1::text[])
    AND NOT_EXTENSION_MEMBER(pg_type, t.oid)
) o
ORDER BY o.kind COLLATE "C", o.schema COLLATE "C" NULLS FIRST, o.object COLLATE "C", o.arguments COLLATE "C" NULLS FIRST;
