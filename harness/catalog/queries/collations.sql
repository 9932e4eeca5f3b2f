-- only when: EXISTS (SELECT FROM pg_collation x WHERE x.oid >= 16384)
-- Collations the user created (CREATE COLLATION). Never collversion: it is the version of the
-- machine's ICU/glibc, not a schema fact.
SELECT n.nspname AS schema,
       c.collname AS name,
       CASE c.collprovider WHEN 'c' THEN 'libc' WHEN 'i' THEN 'icu' WHEN 'b' THEN 'builtin' WHEN 'd' THEN 'default' END AS provider,
       c.collcollate AS "lcCollate", -- pg>=15
       c.collctype AS "lcCtype", -- pg>=15
       c.colllocale AS locale, -- pg>=17
       c.colliculocale AS locale, -- pg>=15 pg<17
       -- before 15 an ICU collation kept its locale in collcollate/collctype: read as 15+ does
       CASE WHEN c.collprovider = 'i' THEN NULL ELSE c.collcollate END AS "lcCollate", -- pg<15
       CASE WHEN c.collprovider = 'i' THEN NULL ELSE c.collctype END AS "lcCtype", -- pg<15
       CASE WHEN c.collprovider = 'i' THEN c.collcollate END AS locale, -- pg<15
       c.collicurules AS "icuRules", -- pg>=16
       NULL::text AS "icuRules", -- pg<16
       c.collisdeterministic AS deterministic,
       obj_description(c.oid, 'pg_collation') AS comment
FROM pg_collation c
JOIN pg_namespace n ON n.oid = c.collnamespace
WHERE n.nspname NOT LIKE 'pg\_%'
  AND n.nspname <> ALL ($1::text[])
  AND NOT_EXTENSION_MEMBER(pg_collation, c.oid)
ORDER BY n.nspname COLLATE "C", c.collname COLLATE "C";
