-- only when: EXISTS (SELECT FROM pg_operator x WHERE x.oid >= 16384)
-- Operators: operand and result types, the function, commutator/negator, the selectivity
-- estimators and whether it supports hash and merge joins.
SELECT n.nspname AS schema,
       o.oprname AS name,
       CASE WHEN o.oprleft <> 0 THEN format_type(o.oprleft, NULL) END AS "left",
       CASE WHEN o.oprright <> 0 THEN format_type(o.oprright, NULL) END AS "right",
       format_type(o.oprresult, NULL) AS result,
       o.oprcode::text AS function,
       nullif(o.oprcom, 0)::regoperator::text AS commutator,
       nullif(o.oprnegate, 0)::regoperator::text AS negator,
       nullif(o.oprrest, 0)::regproc::text AS restrict,
       nullif(o.oprjoin, 0)::regproc::text AS "join",
       o.oprcanhash AS hashes,
       o.oprcanmerge AS merges,
       obj_description(o.oid, 'pg_operator') AS comment
FROM pg_operator o
JOIN pg_namespace n ON n.oid = o.oprnamespace
WHERE n.nspname NOT LIKE 'pg\_%'
  AND n.nspname <> ALL ($1::text[])
  AND NOT_EXTENSION_MEMBER(pg_operator, o.oid)
ORDER BY n.nspname COLLATE "C", o.oprname COLLATE "C", format_type(o.oprleft, NULL) COLLATE "C", format_type(o.oprright, NULL) COLLATE "C";
