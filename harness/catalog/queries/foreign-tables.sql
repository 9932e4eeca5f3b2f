-- only when: EXISTS (SELECT FROM pg_foreign_table x WHERE x.ftrelid >= 16384)
-- Foreign tables: server, options and columns (in order, dropped ones skipped, with their
-- per-column options), CHECK constraints (`name definition`) and triggers (as the server writes
-- them, with whether they fire), each by name.
SELECT n.nspname AS schema,
       c.relname AS name,
       s.srvname AS server,
       coalesce((SELECT array_agg(o ORDER BY o COLLATE "C") FROM unnest(ft.ftoptions) o), '{}') AS options,
       coalesce((SELECT json_agg(json_build_object(
                          'name', a.attname,
                          'type', format_type(a.atttypid, a.atttypmod),
                          'notNull', a.attnotnull,
                          'default', pg_get_expr(ad.adbin, ad.adrelid),
                          -- as in columns.sql: qualified unless pg_catalog's; null when the type's
                          'collation', CASE WHEN a.attcollation <> t.typcollation THEN a.attcollation::regcollation::text END,
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
                 FROM pg_trigger tg WHERE tg.tgrelid = c.oid AND NOT tg.tgisinternal), '{}') AS triggers,
       obj_description(c.oid, 'pg_class') AS comment
FROM pg_foreign_table ft
JOIN pg_class c ON c.oid = ft.ftrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_foreign_server s ON s.oid = ft.ftserver
WHERE n.nspname NOT LIKE 'pg\_%'
  AND n.nspname <> ALL ($1::text[])
  AND NOT_EXTENSION_MEMBER(pg_class, c.oid)
ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C";
