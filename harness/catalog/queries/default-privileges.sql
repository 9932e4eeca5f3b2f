-- only when: EXISTS (SELECT FROM pg_default_acl x WHERE x.oid >= 16384)
-- ALTER DEFAULT PRIVILEGES, one row per grantee and privilege. A schema's entry only adds
-- (GRANT rows); a global entry replaces the built-in default, so it is read as its difference
-- from acldefault: GRANT rows for what it adds, REVOKE rows for what it takes away. The grantor
-- is left out. Entries for excluded or system schemas are left out. $1: excluded schema names.
SELECT * FROM (
  SELECT pg_get_userbyid(d.defaclrole)::text AS role,
         n.nspname::text AS schema,
         CASE d.defaclobjtype WHEN 'r' THEN 'tables' WHEN 'S' THEN 'sequences' WHEN 'f' THEN 'functions' WHEN 'T' THEN 'types' WHEN 'n' THEN 'schemas'
                               WHEN 'L' THEN 'large objects' END AS objects, -- 'L': ON LARGE OBJECTS, PostgreSQL 18+
         g.action,
         CASE WHEN g.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(g.grantee)::text END AS grantee,
         g.privilege,
         bool_or(g.grantable) AS grantable
  FROM pg_default_acl d
  LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace
  -- acldefault's letter for sequences is 's' ('S' there is a foreign server)
  CROSS JOIN LATERAL (SELECT acldefault(CASE d.defaclobjtype WHEN 'S' THEN 's' ELSE d.defaclobjtype END::"char", d.defaclrole) AS acl) builtin
  CROSS JOIN LATERAL (
    SELECT 'GRANT' AS action, x.grantee, x.privilege_type AS privilege, x.is_grantable AS grantable
    FROM aclexplode(d.defaclacl) x
    WHERE d.defaclnamespace <> 0
       OR NOT EXISTS (SELECT FROM aclexplode(builtin.acl) y WHERE y.grantee = x.grantee AND y.privilege_type = x.privilege_type AND y.is_grantable = x.is_grantable)
    UNION ALL
    SELECT 'REVOKE', y.grantee, y.privilege_type, y.is_grantable
    FROM aclexplode(builtin.acl) y
    WHERE d.defaclnamespace = 0
      AND NOT EXISTS (SELECT FROM aclexplode(d.defaclacl) x WHERE x.grantee = y.grantee AND x.privilege_type = y.privilege_type)
  ) g
  WHERE (d.defaclnamespace = 0 OR (n.nspname NOT LIKE 'pg\_%' AND n.nspname <> ALL ($1::text[])))
    AND NOT_EXTENSION_MEMBER(pg_default_acl, d.oid)
  GROUP BY d.defaclrole, n.nspname, d.defaclobjtype, g.action, g.grantee, g.privilege
) p
ORDER BY p.role COLLATE "C", p.schema COLLATE "C" NULLS FIRST, p.objects COLLATE "C", p.action COLLATE "C", p.grantee COLLATE "C", p.privilege COLLATE "C";
