-- only when: EXISTS (SELECT FROM pg_conversion x WHERE x.oid >= 16384)
-- Encoding conversions (CREATE CONVERSION).
SELECT n.nspname AS schema,
       c.conname AS name,
       pg_encoding_to_char(c.conforencoding) AS source,
       pg_encoding_to_char(c.contoencoding) AS target,
       c.conproc::text AS function,
       c.condefault AS "default",
       obj_description(c.oid, 'pg_conversion') AS comment
FROM pg_conversion c
JOIN pg_namespace n ON n.oid = c.connamespace
WHERE n.nspname NOT LIKE 'pg\_%'
  AND n.nspname <> ALL ($1::text[])
  AND NOT_EXTENSION_MEMBER(pg_conversion, c.oid)
ORDER BY n.nspname COLLATE "C", c.conname COLLATE "C";
