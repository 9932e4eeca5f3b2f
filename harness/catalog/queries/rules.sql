-- only when: EXISTS (SELECT FROM pg_rewrite x WHERE x.oid >= 16384 AND x.rulename <> '_RETURN')
-- Rules (CREATE RULE) on tables and views. A view's own _RETURN rule is its query (views.sql).
SELECT c.oid AS relid, -- joins the row to its relation; never stored
       r.rulename AS name,
       pg_get_ruledef(r.oid) AS definition,
       CASE r.ev_enabled WHEN 'O' THEN 'origin' WHEN 'D' THEN 'disabled'
                         WHEN 'R' THEN 'replica' WHEN 'A' THEN 'always' END AS enabled,
       obj_description(r.oid, 'pg_rewrite') AS comment
FROM pg_rewrite r
JOIN pg_class c ON c.oid = r.ev_class
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE r.rulename <> '_RETURN'
  AND c.relkind IN ('r', 'p', 'v', 'm')
  AND n.nspname NOT LIKE 'pg\_%'
  AND n.nspname <> ALL ($1::text[])
  AND NOT_EXTENSION_MEMBER(pg_class, c.oid)
  AND NOT_EXTENSION_MEMBER(pg_rewrite, r.oid)
-- Ordered by relation OID, then within it: each row goes to its relation, placed by name in
-- its own query (see PART_QUERIES in read.ts).
-- (ev_class, rulename) is unique
ORDER BY c.oid, r.rulename COLLATE "C";
