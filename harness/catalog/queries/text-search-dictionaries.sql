-- only when: EXISTS (SELECT FROM pg_ts_dict x WHERE x.oid >= 16384)
-- Text search dictionaries: the template and its options as written.
SELECT n.nspname AS schema,
       d.dictname AS name,
       quote_ident(tn.nspname) || '.' || quote_ident(t.tmplname) AS template,
       d.dictinitoption AS options,
       obj_description(d.oid, 'pg_ts_dict') AS comment
FROM pg_ts_dict d
JOIN pg_namespace n ON n.oid = d.dictnamespace
JOIN pg_ts_template t ON t.oid = d.dicttemplate
JOIN pg_namespace tn ON tn.oid = t.tmplnamespace
WHERE n.nspname NOT LIKE 'pg\_%'
  AND n.nspname <> ALL ($1::text[])
  AND NOT_EXTENSION_MEMBER(pg_ts_dict, d.oid)
ORDER BY n.nspname COLLATE "C", d.dictname COLLATE "C";
