-- Extensions the user installed, in whatever schema (pg_catalog too: the members of one installed
-- there are in pg_catalog, which no query reads, so the extension is all that records them). What
-- initdb made (plpgsql, OID below 16384) is left out: every database has it. An extension in an
-- ignored schema is left out with it.
SELECT e.extname AS name,
       n.nspname AS schema,
       e.extversion AS version
FROM pg_extension e
JOIN pg_namespace n ON n.oid = e.extnamespace
WHERE e.oid >= 16384
  AND n.nspname <> ALL ($1::text[])
ORDER BY e.extname COLLATE "C";
