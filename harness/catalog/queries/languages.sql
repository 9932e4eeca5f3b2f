-- only when: EXISTS (SELECT FROM pg_language x WHERE x.oid >= 16384)
-- Procedural languages the user created (not initdb's, OID < 16384; plpgsql and the others
-- that come as extensions come with them).
SELECT l.lanname AS name,
       l.lanpltrusted AS trusted,
       nullif(l.lanplcallfoid, 0)::regproc::text AS handler,
       nullif(l.laninline, 0)::regproc::text AS inline,
       nullif(l.lanvalidator, 0)::regproc::text AS validator,
       obj_description(l.oid, 'pg_language') AS comment
FROM pg_language l
WHERE l.oid >= 16384
  AND cardinality($1::text[]) >= 0
  AND NOT_EXTENSION_MEMBER(pg_language, l.oid)
ORDER BY l.lanname COLLATE "C";
