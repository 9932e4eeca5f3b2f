-- only when: EXISTS (SELECT FROM pg_ts_config x WHERE x.oid >= 16384)
-- Text search configurations: the parser and, per token type, the dictionaries in order.
SELECT n.nspname AS schema,
       c.cfgname AS name,
       quote_ident(pn.nspname) || '.' || quote_ident(p.prsname) AS parser,
       coalesce((SELECT array_agg(m.line ORDER BY m.line COLLATE "C")
                 FROM (SELECT tt.alias || ': ' || string_agg(mp.mapdict::regdictionary::text, ', ' ORDER BY mp.mapseqno) AS line
                       FROM pg_ts_config_map mp
                       JOIN ts_token_type(c.cfgparser) tt ON tt.tokid = mp.maptokentype
                       WHERE mp.mapcfg = c.oid
                       GROUP BY tt.alias) m), '{}') AS mappings,
       obj_description(c.oid, 'pg_ts_config') AS comment
FROM pg_ts_config c
JOIN pg_namespace n ON n.oid = c.cfgnamespace
JOIN pg_ts_parser p ON p.oid = c.cfgparser
JOIN pg_namespace pn ON pn.oid = p.prsnamespace
WHERE n.nspname NOT LIKE 'pg\_%'
  AND n.nspname <> ALL ($1::text[])
  AND NOT_EXTENSION_MEMBER(pg_ts_config, c.oid)
ORDER BY n.nspname COLLATE "C", c.cfgname COLLATE "C";
