-- only when: EXISTS (SELECT FROM pg_foreign_server x WHERE x.oid >= 16384)
-- Foreign servers: wrapper, type, version, options (never user mappings: they hold passwords).
SELECT s.srvname AS name,
       w.fdwname AS wrapper,
       s.srvtype AS type,
       s.srvversion AS version,
       coalesce((SELECT array_agg(o ORDER BY o COLLATE "C") FROM unnest(s.srvoptions) o), '{}') AS options,
       obj_description(s.oid, 'pg_foreign_server') AS comment
FROM pg_foreign_server s
JOIN pg_foreign_data_wrapper w ON w.oid = s.srvfdw
WHERE cardinality($1::text[]) >= 0
  AND NOT_EXTENSION_MEMBER(pg_foreign_server, s.oid)
ORDER BY s.srvname COLLATE "C";
