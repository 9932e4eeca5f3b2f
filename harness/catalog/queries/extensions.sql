-- Extensions installed into a schema we snapshot (plpgsql lives in pg_catalog and drops out).
SELECT e.extname AS name,
       n.nspname AS schema,
       e.extversion AS version
FROM pg_extension e
JOIN pg_namespace n ON n.oid = e.extnamespace
WHERE n.nspname NOT LIKE 'pg\_%'
  AND n.nspname <> ALL ($1::text[])
ORDER BY e.extname COLLATE "C";
