-- Who may do what on the user's schemas, relations, columns, routines and types
-- (fragments/access-objects.sql): the effective ACL, one row per grantee and privilege. Never
-- the grantor (a grant made twice by two roles is one row) and never the owner's own
-- privileges: ownership is its own rule. Grantee 0 is PUBLIC. $1: excluded schema names.
WITH objects AS (
  FRAGMENT(access-objects)
)
SELECT * FROM (
  SELECT o.kind, o.schema, o.object, o.arguments, o."column",
         CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(x.grantee)::text END AS grantee,
         x.privilege_type AS privilege,
         bool_or(x.is_grantable) AS grantable
  FROM objects o
  CROSS JOIN LATERAL aclexplode(o.acl) x
  WHERE x.grantee <> o.owner
  GROUP BY o.kind, o.schema, o.object, o.arguments, o."column", x.grantee, x.privilege_type
) g
ORDER BY g.kind COLLATE "C", g.schema COLLATE "C" NULLS FIRST, g.object COLLATE "C", g.arguments COLLATE "C" NULLS FIRST, g."column" COLLATE "C" NULLS FIRST, g.grantee COLLATE "C", g.privilege COLLATE "C";
