-- Schemas the user owns: not system ones (pg_*, information_schema), not made by an extension.
-- $1: excluded schema names.
SELECT n.nspname AS name,
       obj_description(n.oid, 'pg_namespace') AS comment
FROM pg_namespace n
WHERE n.nspname NOT LIKE 'pg\_%'
  AND n.nspname <> ALL ($1::text[])
  AND NOT_EXTENSION_MEMBER(pg_namespace, n.oid)
ORDER BY n.nspname COLLATE "C";
