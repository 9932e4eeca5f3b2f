-- only when: EXISTS (SELECT FROM pg_policy x WHERE x.oid >= 16384)
-- Row-level security policies ("public" when a policy applies to every role).
SELECT c.oid AS relid, -- joins the row to its relation; never stored
       p.polname AS name,
       CASE p.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE'
                     WHEN 'd' THEN 'DELETE' WHEN '*' THEN 'ALL' END AS command,
       p.polpermissive AS permissive,
       coalesce((SELECT array_agg(CASE WHEN r.oid = 0 THEN 'public' ELSE pg_get_userbyid(r.oid)::text END
                                  ORDER BY CASE WHEN r.oid = 0 THEN 'public' ELSE pg_get_userbyid(r.oid)::text END COLLATE "C")
                 FROM unnest(p.polroles) AS r(oid)), '{}') AS roles,
       pg_get_expr(p.polqual, p.polrelid) AS "using",
       pg_get_expr(p.polwithcheck, p.polrelid) AS "withCheck",
       obj_description(p.oid, 'pg_policy') AS comment
FROM pg_policy p
JOIN pg_class c ON c.oid = p.polrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname NOT LIKE 'pg\_%'
  AND n.nspname <> ALL ($1::text[])
  AND NOT_EXTENSION_MEMBER(pg_class, c.oid)
  AND NOT_EXTENSION_MEMBER(pg_policy, p.oid)
-- Ordered by relation OID, then within it: each row goes to its relation, placed by name in
-- its own query (see PART_QUERIES in read.ts).
ORDER BY c.oid, p.polname COLLATE "C";
