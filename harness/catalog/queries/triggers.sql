-- only when: EXISTS (SELECT FROM pg_trigger x WHERE x.oid >= 16384 AND NOT x.tgisinternal)
-- User triggers on tables and views (internal ones, e.g. those enforcing foreign keys, are
-- part of their constraint). The server writes the definition (timing, events, WHEN, function).
-- DEPENDS ON EXTENSION names the extensions (null when none).
SELECT c.oid AS relid, -- joins the row to its relation; never stored
       tg.tgname AS name,
       pg_get_triggerdef(tg.oid) AS definition,
       CASE tg.tgenabled WHEN 'O' THEN 'origin' WHEN 'D' THEN 'disabled'
                         WHEN 'R' THEN 'replica' WHEN 'A' THEN 'always' END AS enabled,
       dx.extensions AS "dependsOnExtensions",
       dsc.description AS comment
FROM pg_trigger tg
JOIN pg_class c ON c.oid = tg.tgrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
-- DEPENDS ON EXTENSION: rare, so read in one pass over pg_depend, not looked up for every trigger
LEFT JOIN (SELECT d.objid, array_agg(e.extname::text ORDER BY e.extname COLLATE "C") AS extensions
           FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
           WHERE d.classid = 'pg_trigger'::regclass AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'x'
           GROUP BY d.objid) dx ON dx.objid = tg.oid
LEFT JOIN pg_description dsc ON dsc.objoid = tg.oid AND dsc.classoid = 'pg_trigger'::regclass AND dsc.objsubid = 0
WHERE NOT tg.tgisinternal -- pg>=15
  -- before 15 a partition's clone of its parent's trigger was internal: it is a trigger all the
  -- same, and ALTER TABLE <partition> DISABLE TRIGGER acts on it alone (a key's triggers are not clones)
WHERE (NOT tg.tgisinternal OR (tg.tgparentid <> 0 AND NOT EXISTS (SELECT FROM pg_constraint k WHERE k.oid = tg.tgconstraint AND k.contype <> 't'))) -- pg<15
  AND c.relkind IN ('r', 'p', 'v', 'm')
  AND n.nspname NOT LIKE 'pg\_%'
  AND n.nspname <> ALL ($1::text[])
  AND NOT_EXTENSION_MEMBER(pg_class, c.oid)
-- Ordered by relation OID, then within it: each row goes to its relation, placed by name in
-- its own query (see PART_QUERIES in read.ts).
ORDER BY c.oid, tg.tgname COLLATE "C";
