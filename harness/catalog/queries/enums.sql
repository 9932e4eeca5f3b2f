-- only when: EXISTS (SELECT FROM pg_type x WHERE x.oid >= 16384 AND x.typtype = 'e')
-- Enum types with their labels in sort order (the order is part of the type: it decides < and >).
SELECT n.nspname AS schema,
       t.typname AS name,
       coalesce(array_agg(e.enumlabel::text ORDER BY e.enumsortorder) FILTER (WHERE e.enumlabel IS NOT NULL), '{}') AS labels,
       obj_description(t.oid, 'pg_type') AS comment
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
LEFT JOIN pg_enum e ON e.enumtypid = t.oid
WHERE t.typtype = 'e'
  AND n.nspname NOT LIKE 'pg\_%'
  AND n.nspname <> ALL ($1::text[])
  AND NOT_EXTENSION_MEMBER(pg_type, t.oid)
GROUP BY n.nspname, t.typname, t.oid
ORDER BY n.nspname COLLATE "C", t.typname COLLATE "C";
