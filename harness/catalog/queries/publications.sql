-- only when: EXISTS (SELECT FROM pg_publication x WHERE x.oid >= 16384)
-- Publications: FOR ALL TABLES, the schemas (FOR TABLES IN SCHEMA, PostgreSQL 15+) and the
-- tables, each with its column list and row filter (PostgreSQL 15+), the operations published,
-- publish_via_partition_root and publish_generated_columns (PostgreSQL 18+). Tables and schemas
-- in byte order: the order they were listed in changes nothing; tables and schemas of ignored
-- schemas ($1) left out, like the rest of them.
SELECT p.pubname AS name,
       p.puballtables AS "allTables",
       array_remove(ARRAY[CASE WHEN p.pubinsert THEN 'insert' END, CASE WHEN p.pubupdate THEN 'update' END,
                          CASE WHEN p.pubdelete THEN 'delete' END, CASE WHEN p.pubtruncate THEN 'truncate' END], NULL) AS operations,
       p.pubviaroot AS "viaPartitionRoot",
       -- publish_generated_columns: null for 'none', the default and all that a server before 18 does
       CASE p.pubgencols WHEN 's' THEN 'stored' END AS "generatedColumns", -- pg>=18
       NULL::text AS "generatedColumns", -- pg<18
       coalesce((SELECT array_agg(quote_ident(pn.nspname) ORDER BY pn.nspname COLLATE "C") FROM pg_publication_namespace pns JOIN pg_namespace pn ON pn.oid = pns.pnnspid WHERE pns.pnpubid = p.oid AND pn.nspname <> ALL ($1::text[])), '{}') AS schemas, -- pg>=15
       '{}'::text[] AS schemas, -- pg<15
       coalesce((SELECT json_agg(json_build_object(
                          'table', quote_ident(tn.nspname) || '.' || quote_ident(tc.relname),
                          'columns', (SELECT array_agg(a.attname ORDER BY a.attnum) FROM pg_attribute a WHERE a.attrelid = pr.prrelid AND a.attnum = ANY (pr.prattrs)), -- pg>=15
                          'columns', NULL, -- pg<15
                          'rowFilter', pg_get_expr(pr.prqual, pr.prrelid)) -- pg>=15
                          'rowFilter', NULL) -- pg<15
                        ORDER BY tn.nspname COLLATE "C", tc.relname COLLATE "C")
                 FROM pg_publication_rel pr
                 JOIN pg_class tc ON tc.oid = pr.prrelid
                 JOIN pg_namespace tn ON tn.oid = tc.relnamespace
                 WHERE pr.prpubid = p.oid AND tn.nspname <> ALL ($1::text[])), '[]') AS tables,
       obj_description(p.oid, 'pg_publication') AS comment
FROM pg_publication p
WHERE NOT_EXTENSION_MEMBER(pg_publication, p.oid)
ORDER BY p.pubname COLLATE "C";
