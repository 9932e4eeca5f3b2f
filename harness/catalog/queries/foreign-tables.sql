-- only when: EXISTS (SELECT FROM pg_foreign_table x WHERE x.ftrelid >= 16384)
-- Foreign tables: server, options, partition bound and parents (as a table's), columns (in
-- order, dropped ones skipped, with their per-column options; "default" holds a generated column's
-- expression), CHECK constraints (`name definition`) and triggers (as the server writes them, with
-- whether they fire), each by name. The comments of its columns (in column order), then of its
-- constraints and triggers (by name) follow the table's, one line each.
SELECT n.nspname AS schema,
       c.relname AS name,
       s.srvname AS server,
       coalesce((SELECT array_agg(o ORDER BY o COLLATE "C") FROM unnest(ft.ftoptions) o), '{}') AS options,
       CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END AS "partitionBound",
       FRAGMENT(parents) AS parents,
       coalesce((SELECT json_agg(json_build_object(
                          'name', a.attname,
                          'type', format_type(a.atttypid, a.atttypmod),
                          'notNull', a.attnotnull,
                          'default', pg_get_expr(ad.adbin, ad.adrelid),
                          'generated', CASE a.attgenerated WHEN 's' THEN 'stored' WHEN 'v' THEN 'virtual' END,
                          -- as in columns.sql: qualified unless pg_catalog's; null when the type's
                          'collation', CASE WHEN a.attcollation <> t.typcollation THEN a.attcollation::regcollation::text END,
                          -- as in columns.sql: null for the default (-1 before PostgreSQL 17, NULL from 17)
                          'statistics', nullif(a.attstattarget, -1)::int, -- pg<17
                          'statistics', a.attstattarget::int, -- pg>=17
                          'options', coalesce((SELECT array_agg(o ORDER BY o COLLATE "C") FROM unnest(a.attfdwoptions) o), '{}'))
                        ORDER BY a.attnum)
                 FROM pg_attribute a
                 JOIN pg_type t ON t.oid = a.atttypid
                 LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
                 WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), '[]') AS columns,
       coalesce((SELECT array_agg(quote_ident(con.conname) || ' ' || pg_get_constraintdef(con.oid) ORDER BY con.conname COLLATE "C")
                 FROM pg_constraint con WHERE con.conrelid = c.oid AND con.contype NOT IN ('n')), '{}') AS constraints,
       coalesce((SELECT array_agg(pg_get_triggerdef(tg.oid) || CASE tg.tgenabled WHEN 'O' THEN '' WHEN 'D' THEN ' (disabled)'
                                                                  WHEN 'R' THEN ' (replica)' WHEN 'A' THEN ' (always)' END
                                  ORDER BY tg.tgname COLLATE "C")
                 FROM pg_trigger tg WHERE tg.tgrelid = c.oid AND NOT tg.tgisinternal), '{}') AS triggers, -- pg>=15
                 -- (before 15 a partition's clone of its parent's trigger was internal, as in triggers.sql)
                 FROM pg_trigger tg WHERE tg.tgrelid = c.oid AND (NOT tg.tgisinternal OR tg.tgparentid <> 0)), '{}') AS triggers, -- pg<15
       (SELECT string_agg(line, E'\n' ORDER BY part, at, name COLLATE "C")
        FROM (SELECT 0 AS part, 0 AS at, ''::name AS name, obj_description(c.oid, 'pg_class') AS line
              UNION ALL
              SELECT 1, dsc.objsubid, '', 'column ' || quote_ident(a.attname) || ': ' || dsc.description
              FROM pg_description dsc
              JOIN pg_attribute a ON a.attrelid = dsc.objoid AND a.attnum = dsc.objsubid
              WHERE dsc.objoid = c.oid AND dsc.classoid = 'pg_class'::regclass AND dsc.objsubid > 0 AND NOT a.attisdropped
              UNION ALL
              SELECT 2, 0, con.conname, 'constraint ' || quote_ident(con.conname) || ': ' || obj_description(con.oid, 'pg_constraint')
              FROM pg_constraint con WHERE con.conrelid = c.oid AND con.contype NOT IN ('n')
              UNION ALL
              SELECT 3, 0, tg.tgname, 'trigger ' || quote_ident(tg.tgname) || ': ' || obj_description(tg.oid, 'pg_trigger')
              FROM pg_trigger tg WHERE tg.tgrelid = c.oid AND NOT tg.tgisinternal) lines) AS comment -- pg>=15
              FROM pg_trigger tg WHERE tg.tgrelid = c.oid AND (NOT tg.tgisinternal OR tg.tgparentid <> 0)) lines) AS comment -- pg<15
FROM pg_foreign_table ft
JOIN pg_class c ON c.oid = ft.ftrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_foreign_server s ON s.oid = ft.ftserver
WHERE n.nspname NOT LIKE 'pg\_%'
  AND n.nspname <> ALL ($1::text[])
  AND NOT_EXTENSION_MEMBER(pg_class, c.oid)
ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C";
