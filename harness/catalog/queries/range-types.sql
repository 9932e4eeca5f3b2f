-- only when: EXISTS (SELECT FROM pg_range x WHERE x.rngtypid >= 16384)
-- Range types: subtype, its operator class and collation, the canonical and subtype_diff
-- functions, and the multirange type that comes with it (PostgreSQL 14+). Names are
-- schema-qualified by the server's regproc/format_type output under search_path = pg_catalog.
SELECT n.nspname AS schema,
       t.typname AS name,
       format_type(r.rngsubtype, NULL) AS subtype,
       quote_ident(opn.nspname) || '.' || quote_ident(opc.opcname) AS "subtypeOpclass",
       CASE WHEN r.rngcollation <> 0 AND r.rngcollation <> st.typcollation
            THEN quote_ident(cn.nspname) || '.' || quote_ident(co.collname) END AS collation,
       CASE WHEN r.rngcanonical <> 0 THEN r.rngcanonical::regproc::text END AS canonical,
       CASE WHEN r.rngsubdiff <> 0 THEN r.rngsubdiff::regproc::text END AS "subtypeDiff",
       format_type(r.rngmultitypid, NULL) AS multirange, -- pg>=14
       NULL::text AS multirange, -- pg<14
       obj_description(t.oid, 'pg_type') AS comment
FROM pg_range r
JOIN pg_type t ON t.oid = r.rngtypid
JOIN pg_namespace n ON n.oid = t.typnamespace
JOIN pg_type st ON st.oid = r.rngsubtype
JOIN pg_opclass opc ON opc.oid = r.rngsubopc
JOIN pg_namespace opn ON opn.oid = opc.opcnamespace
LEFT JOIN pg_collation co ON co.oid = r.rngcollation
LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
WHERE n.nspname NOT LIKE 'pg\_%'
  AND n.nspname <> ALL ($1::text[])
  AND NOT_EXTENSION_MEMBER(pg_type, t.oid)
ORDER BY n.nspname COLLATE "C", t.typname COLLATE "C";
