-- Extensions the user installed, in whatever schema (pg_catalog too: the members of one installed
-- there are in pg_catalog, which no query reads, so the extension is all that records them). What
-- initdb made (plpgsql, OID below 16384) is left out: every database has it. An extension in an
-- ignored schema is left out with it. The comment is null when it is the one the extension's
-- control file gives (CREATE EXTENSION sets it).
SELECT e.extname AS name,
       n.nspname AS schema,
       e.extversion AS version,
       -- (pg_available_extensions reads every control file: only for an extension that has a comment)
       CASE WHEN dsc.description IS NOT NULL THEN
         CASE WHEN dsc.description IS DISTINCT FROM (SELECT ae.comment FROM pg_available_extensions ae WHERE ae.name = e.extname)
              THEN dsc.description END END AS comment
FROM pg_extension e
JOIN pg_namespace n ON n.oid = e.extnamespace
LEFT JOIN pg_description dsc ON dsc.objoid = e.oid AND dsc.classoid = 'pg_extension'::regclass AND dsc.objsubid = 0
WHERE e.oid >= 16384
  AND n.nspname <> ALL ($1::text[])
ORDER BY e.extname COLLATE "C";
