-- only when: EXISTS (SELECT FROM pg_opclass x WHERE x.oid >= 16384)
-- Operator classes: method, indexed type, default or not, family and storage type. Their
-- operators and functions are members of the family (operator-families.sql).
SELECT n.nspname AS schema,
       c.opcname AS name,
       am.amname AS method,
       format_type(c.opcintype, NULL) AS type,
       c.opcdefault AS "default",
       quote_ident(fn.nspname) || '.' || quote_ident(f.opfname) AS family,
       CASE WHEN c.opckeytype <> 0 THEN format_type(c.opckeytype, NULL) END AS storage,
       obj_description(c.oid, 'pg_opclass') AS comment
FROM pg_opclass c
JOIN pg_namespace n ON n.oid = c.opcnamespace
JOIN pg_am am ON am.oid = c.opcmethod
JOIN pg_opfamily f ON f.oid = c.opcfamily
JOIN pg_namespace fn ON fn.oid = f.opfnamespace
WHERE n.nspname NOT LIKE 'pg\_%'
  AND n.nspname <> ALL ($1::text[])
  AND NOT_EXTENSION_MEMBER(pg_opclass, c.oid)
ORDER BY n.nspname COLLATE "C", c.opcname COLLATE "C", am.amname COLLATE "C";
