-- The objects whose privileges and owner are compared: the user's schemas, relations, columns
-- with a column ACL, routines and types, and the foreign-data wrappers, foreign servers, languages,
-- publications and event triggers the user made, each with its owner and its effective ACL (the stored
-- one, or the built-in default when none is stored, as the server checks it). Read by grants.sql
-- and owners.sql as FRAGMENT(access-objects). $1: excluded schema names.
SELECT 'schema' AS kind, NULL::text AS schema, n.nspname::text AS object, NULL::text AS arguments, NULL::text AS "column",
       n.nspowner AS owner, coalesce(n.nspacl, acldefault('n', n.nspowner)) AS acl
FROM pg_namespace n
WHERE n.nspname NOT LIKE 'pg\_%'
  AND n.nspname <> ALL ($1::text[])
  AND NOT_EXTENSION_MEMBER(pg_namespace, n.oid)
UNION ALL
SELECT CASE c.relkind WHEN 'S' THEN 'sequence' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'f' THEN 'foreign table' ELSE 'table' END,
       n.nspname, c.relname, NULL, NULL,
       c.relowner, coalesce(c.relacl, acldefault(CASE c.relkind WHEN 'S' THEN 's' ELSE 'r' END::"char", c.relowner))
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
  AND n.nspname NOT LIKE 'pg\_%'
  AND n.nspname <> ALL ($1::text[])
  AND NOT_EXTENSION_MEMBER(pg_class, c.oid)
UNION ALL
-- a column has no default ACL: only what GRANT (col) gave
SELECT 'column', n.nspname, c.relname, NULL, a.attname, c.relowner, a.attacl
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE a.attacl IS NOT NULL AND a.attnum > 0 AND NOT a.attisdropped
  AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
  AND n.nspname NOT LIKE 'pg\_%'
  AND n.nspname <> ALL ($1::text[])
  AND NOT_EXTENSION_MEMBER(pg_class, c.oid)
UNION ALL
SELECT CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE 'function' END,
       n.nspname, p.proname, pg_get_function_identity_arguments(p.oid), NULL,
       p.proowner, coalesce(p.proacl, acldefault('f', p.proowner))
FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname NOT LIKE 'pg\_%'
  AND n.nspname <> ALL ($1::text[])
  AND NOT_EXTENSION_MEMBER(pg_proc, p.oid)
UNION ALL
-- enums, domains, ranges and stand-alone composite types (not a relation's row type, an
-- array type or a range's multirange: they follow their type)
SELECT 'type', n.nspname, t.typname, NULL, NULL, t.typowner, coalesce(t.typacl, acldefault('T', t.typowner))
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE (t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c' AND EXISTS (SELECT FROM pg_class c WHERE c.oid = t.typrelid AND c.relkind = 'c')))
  AND n.nspname NOT LIKE 'pg\_%'
  AND n.nspname <> ALL ($1::text[])
  AND NOT_EXTENSION_MEMBER(pg_type, t.oid)
UNION ALL
-- objects outside schemas that the snapshot compares, made by the user (not by initdb: OID 16384
-- and up; not by an extension): foreign-data wrappers, foreign servers and languages have an ACL
-- (USAGE); publications and event triggers only an owner
SELECT 'foreign-data wrapper', NULL, w.fdwname, NULL, NULL, w.fdwowner, coalesce(w.fdwacl, acldefault('F', w.fdwowner))
FROM pg_foreign_data_wrapper w
WHERE w.oid >= 16384 AND NOT_EXTENSION_MEMBER(pg_foreign_data_wrapper, w.oid)
UNION ALL
SELECT 'foreign server', NULL, s.srvname, NULL, NULL, s.srvowner, coalesce(s.srvacl, acldefault('S', s.srvowner))
FROM pg_foreign_server s
WHERE s.oid >= 16384 AND NOT_EXTENSION_MEMBER(pg_foreign_server, s.oid)
UNION ALL
SELECT 'language', NULL, l.lanname, NULL, NULL, l.lanowner, coalesce(l.lanacl, acldefault('l', l.lanowner))
FROM pg_language l
WHERE l.oid >= 16384 AND NOT_EXTENSION_MEMBER(pg_language, l.oid)
UNION ALL
SELECT 'publication', NULL, p.pubname, NULL, NULL, p.pubowner, NULL::aclitem[]
FROM pg_publication p
WHERE NOT_EXTENSION_MEMBER(pg_publication, p.oid)
UNION ALL
SELECT 'event trigger', NULL, e.evtname, NULL, NULL, e.evtowner, NULL::aclitem[]
FROM pg_event_trigger e
WHERE NOT_EXTENSION_MEMBER(pg_event_trigger, e.oid)
