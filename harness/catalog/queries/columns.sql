-- Columns of tables, views and materialized views in attnum order (dropped columns skipped:
-- their gaps differ between a history of ALTERs and a single CREATE). For a generated column
-- "default" holds the generation expression. A default cannot name a column, so it is deparsed
-- without its table (relid 0): opening each table would build its relcache entry, the most of
-- this query's time on a new connection. A generation expression names columns: it needs it.
-- Storage, compression, statistics target, options and "local" are null when they are the
-- server's default: an ordinary column gains only nulls. A collation is named as the server
-- names it with search_path = pg_catalog (regcollation): qualified unless it is pg_catalog's.
SELECT c.oid AS relid, -- joins the row to its relation; never stored
       a.attname AS name,
       format_type(a.atttypid, a.atttypmod) AS type,
       a.attnotnull AS "notNull",
       pg_get_expr(ad.adbin, CASE WHEN a.attgenerated = '' THEN 0 ELSE ad.adrelid END) AS "default",
       CASE a.attgenerated WHEN 's' THEN 'stored' WHEN 'v' THEN 'virtual' END AS generated,
       CASE a.attidentity WHEN 'a' THEN 'always' WHEN 'd' THEN 'by default' END AS identity,
       CASE WHEN a.attcollation <> t.typcollation THEN a.attcollation::regcollation::text END AS collation,
       CASE WHEN a.attstorage <> t.typstorage THEN
         CASE a.attstorage WHEN 'p' THEN 'plain' WHEN 'e' THEN 'external' WHEN 'm' THEN 'main' WHEN 'x' THEN 'extended' END END AS storage,
       CASE a.attcompression WHEN 'p' THEN 'pglz' WHEN 'l' THEN 'lz4' END AS compression, -- pg>=14
       NULL::text AS compression, -- pg<14
       nullif(a.attstattarget, -1)::int AS statistics, -- pg<17
       a.attstattarget::int AS statistics, -- pg>=17
       -- the options ALTER COLUMN … SET (…) takes; a build of the server may keep its own there
       -- (one keeps pg_attver=<a number that differs between two builds>)
       CASE WHEN a.attoptions IS NOT NULL THEN (SELECT array_agg(o ORDER BY o COLLATE "C") FROM unnest(a.attoptions) o
                                                WHERE o LIKE 'n\_distinct=%' OR o LIKE 'n\_distinct\_inherited=%') END AS options,
       CASE WHEN a.attinhcount > 0 AND NOT c.relispartition THEN a.attislocal END AS "local",
       dsc.description AS comment
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
LEFT JOIN pg_description dsc ON dsc.objoid = a.attrelid AND dsc.classoid = 'pg_class'::regclass AND dsc.objsubid = a.attnum
WHERE c.relkind IN ('r', 'p', 'v', 'm')
  AND a.attnum > 0
  AND NOT a.attisdropped
  AND n.nspname NOT LIKE 'pg\_%'
  AND n.nspname <> ALL ($1::text[])
  AND NOT_EXTENSION_MEMBER(pg_class, c.oid)
-- Ordered by relation OID, then within it: each row goes to its relation, placed by name in
-- its own query (see PART_QUERIES in read.ts).
ORDER BY c.oid, a.attnum;
