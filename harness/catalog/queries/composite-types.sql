-- only when: EXISTS (SELECT FROM pg_class x WHERE x.oid >= 16384 AND x.relkind = 'c')
-- Composite types made by CREATE TYPE … AS (…) (not the row types of tables and views), with
-- their attributes in order (dropped ones skipped) and a collation only where it is not the
-- attribute type's default. The attributes' comments (COMMENT ON COLUMN type.attribute) follow
-- the type's, one line each, in attribute order.
SELECT n.nspname AS schema,
       t.typname AS name,
       coalesce((SELECT json_agg(json_build_object(
                          'name', a.attname,
                          'type', format_type(a.atttypid, a.atttypmod),
                          'collation', CASE WHEN a.attcollation <> at.typcollation
                                            THEN quote_ident(cn.nspname) || '.' || quote_ident(co.collname) END)
                        ORDER BY a.attnum)
                 FROM pg_attribute a
                 JOIN pg_type at ON at.oid = a.atttypid
                 LEFT JOIN pg_collation co ON co.oid = a.attcollation
                 LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
                 WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped), '[]') AS attributes,
       (SELECT string_agg(line, E'\n' ORDER BY at)
        FROM (SELECT 0 AS at, obj_description(t.oid, 'pg_type') AS line
              UNION ALL
              SELECT dsc.objsubid, 'attribute ' || quote_ident(a.attname) || ': ' || dsc.description
              FROM pg_description dsc
              JOIN pg_attribute a ON a.attrelid = dsc.objoid AND a.attnum = dsc.objsubid
              WHERE dsc.objoid = t.typrelid AND dsc.classoid = 'pg_class'::regclass AND dsc.objsubid > 0 AND NOT a.attisdropped) lines) AS comment
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
JOIN pg_class c ON c.oid = t.typrelid
WHERE t.typtype = 'c'
  AND c.relkind = 'c'
  AND n.nspname NOT LIKE 'pg\_%'
  AND n.nspname <> ALL ($1::text[])
  AND NOT_EXTENSION_MEMBER(pg_type, t.oid)
ORDER BY n.nspname COLLATE "C", t.typname COLLATE "C";
