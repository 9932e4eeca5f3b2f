-- only when: EXISTS (SELECT FROM pg_foreign_data_wrapper x WHERE x.oid >= 16384)
-- Foreign-data wrappers the user created (an extension's, e.g. postgres_fdw, come with it).
SELECT w.fdwname AS name,
       nullif(w.fdwhandler, 0)::regproc::text AS handler,
       nullif(w.fdwvalidator, 0)::regproc::text AS validator,
       coalesce((SELECT array_agg(o ORDER BY o COLLATE "C") FROM unnest(w.fdwoptions) o), '{}') AS options,
       obj_description(w.oid, 'pg_foreign_data_wrapper') AS comment
FROM pg_foreign_data_wrapper w
WHERE cardinality($1::text[]) >= 0
  AND NOT_EXTENSION_MEMBER(pg_foreign_data_wrapper, w.oid)
ORDER BY w.fdwname COLLATE "C";
