-- only when: EXISTS (SELECT FROM pg_cast x WHERE x.oid >= 16384)
-- Casts the user created (not initdb's, OID < 16384; not those made along with a type, such as
-- a range's cast to its multirange). $1 is not needed: a cast belongs to no schema.
SELECT format_type(c.castsource, NULL) AS source,
       format_type(c.casttarget, NULL) AS target,
       nullif(c.castfunc, 0)::regprocedure::text AS function,
       CASE c.castcontext WHEN 'i' THEN 'implicit' WHEN 'a' THEN 'assignment' WHEN 'e' THEN 'explicit' END AS context,
       CASE c.castmethod WHEN 'f' THEN 'function' WHEN 'i' THEN 'inout' WHEN 'b' THEN 'binary' END AS method,
       obj_description(c.oid, 'pg_cast') AS comment
FROM pg_cast c
WHERE c.oid >= 16384
  AND cardinality($1::text[]) >= 0
  AND NOT_EXTENSION_MEMBER(pg_cast, c.oid)
  AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_cast'::regclass AND d.objid = c.oid AND d.deptype = 'i')
ORDER BY format_type(c.castsource, NULL) COLLATE "C", format_type(c.casttarget, NULL) COLLATE "C";
