-- only when: EXISTS (SELECT FROM pg_am x WHERE x.oid >= 16384)
-- Access methods the user created (CREATE ACCESS METHOD; not initdb's, OID < 16384).
SELECT a.amname AS name,
       CASE a.amtype WHEN 't' THEN 'table' WHEN 'i' THEN 'index' END AS type,
       a.amhandler::text AS handler,
       obj_description(a.oid, 'pg_am') AS comment
FROM pg_am a
WHERE a.oid >= 16384
  AND cardinality($1::text[]) >= 0
  AND NOT_EXTENSION_MEMBER(pg_am, a.oid)
ORDER BY a.amname COLLATE "C";
