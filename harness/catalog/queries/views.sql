-- only when: EXISTS (SELECT FROM pg_class x WHERE x.oid >= 16384 AND x.relkind IN ('v', 'm'))
-- Views and materialized views: the server's deparsed definition and the options
-- (security_barrier, security_invoker, check_option).
-- Before PostgreSQL 16 a stored view query also held OLD and NEW entries, so the server qualified
-- every column of a one-relation view ("requests.id"); 16 and later write "id". Before 16 the
-- query also gives that relation's name ("qualifier") when the query has one level and one
-- relation (no sub-select, CTE or join); the reader takes it off the definition's names, on the
-- lexer's tokens, never inside a string (see view-definition.ts), so one view reads the same on
-- every major. Other views keep the server's text.
SELECT c.oid AS relid, -- what the rows of columns.sql, indexes.sql… name; never stored
       n.nspname AS schema,
       c.relname AS name,
       c.relkind = 'm' AS materialized,
       pg_get_viewdef(c.oid) AS definition,
       NULL::text AS qualifier, -- pg>=16
       q.refname AS qualifier, -- pg<16
       -- a materialized view's TOAST options with its own, as in tables.sql; its access method when not heap
       coalesce((SELECT array_agg(o ORDER BY o COLLATE "C")
                 FROM (SELECT unnest(c.reloptions) UNION ALL SELECT 'toast.' || unnest(tc.reloptions)) r(o)), '{}') AS options,
       CASE WHEN am.amname <> 'heap' THEN am.amname::text END AS "accessMethod",
       -- a materialized view's CLUSTER ON index and DEPENDS ON EXTENSION, as a table's and a function's
       quote_ident(cl.relname) AS "clusterOn",
       (SELECT array_agg(e.extname::text ORDER BY e.extname COLLATE "C")
        FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
        WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'x') AS "dependsOnExtensions",
       obj_description(c.oid, 'pg_class') AS comment
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_am am ON am.oid = c.relam
LEFT JOIN (pg_index clx JOIN pg_class cl ON cl.oid = clx.indexrelid) ON clx.indrelid = c.oid AND clx.indisclustered
LEFT JOIN pg_class tc ON tc.oid = c.reltoastrelid AND tc.reloptions IS NOT NULL
LEFT JOIN pg_rewrite r ON r.ev_class = c.oid AND r.rulename = '_RETURN' -- pg<16
-- (before 16) the relation's name in the query, its alias else its name: the 3rd entry, after OLD and NEW
LEFT JOIN LATERAL (SELECT regexp_replace(m[1], '\\(.)', '\1', 'g') AS refname -- pg<16
                   FROM regexp_matches(r.ev_action, ':eref \{ALIAS :aliasname ((?:[^ \\]|\\.)+)', 'g') WITH ORDINALITY AS e(m, i) -- pg<16
                   WHERE e.i = 3 -- pg<16
                     AND (length(r.ev_action) - length(replace(r.ev_action, '{QUERY ', ''))) / 7 = 1 -- pg<16
                     AND (length(r.ev_action) - length(replace(r.ev_action, ' :rtekind ', ''))) / 10 = 3) q ON true -- pg<16
WHERE c.relkind IN ('v', 'm')
  AND n.nspname NOT LIKE 'pg\_%'
  AND n.nspname <> ALL ($1::text[])
  AND NOT_EXTENSION_MEMBER(pg_class, c.oid)
ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C";
