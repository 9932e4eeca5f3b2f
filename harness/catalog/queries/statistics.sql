-- only when: EXISTS (SELECT FROM pg_statistic_ext x WHERE x.oid >= 16384)
-- Extended statistics (CREATE STATISTICS), as the server writes them. target: ALTER STATISTICS
-- … SET STATISTICS, null for the default (-1 before PostgreSQL 17, NULL since).
SELECT n.nspname AS schema,
       s.stxname AS name,
       quote_ident(tn.nspname) || '.' || quote_ident(c.relname) AS "table",
       pg_get_statisticsobjdef(s.oid) AS definition,
       nullif(s.stxstattarget, -1)::int AS target,
       obj_description(s.oid, 'pg_statistic_ext') AS comment,
       ARRAY[tn.nspname::text, c.relname::text] AS "ownerTable" -- for the ignore list; not stored
FROM pg_statistic_ext s
JOIN pg_namespace n ON n.oid = s.stxnamespace
JOIN pg_class c ON c.oid = s.stxrelid
JOIN pg_namespace tn ON tn.oid = c.relnamespace
WHERE n.nspname NOT LIKE 'pg\_%'
  AND n.nspname <> ALL ($1::text[])
  AND tn.nspname <> ALL ($1::text[])
  AND NOT_EXTENSION_MEMBER(pg_statistic_ext, s.oid)
ORDER BY n.nspname COLLATE "C", s.stxname COLLATE "C";
