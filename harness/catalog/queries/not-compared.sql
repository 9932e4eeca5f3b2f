-- The coverage guard: every user object of the database, labelled with its kind, minus the
-- kinds the snapshot compares ($2). What is left is what a comparison would be blind to; it is
-- recorded in the snapshot and every report lists it. User objects: not in a system or ignored
-- schema ($1), not created by an extension, and for objects outside schemas not made by initdb
-- (OID 16384 and up). Implicit objects are left out: the array and row types of other types
-- and relations, TOAST tables, internal triggers, NOT NULL constraints, views' _RETURN rules,
-- the multirange of a range (which the range records), publications' table and schema entries.
-- pg_identify_object writes the identity, quoted. "relation" names the table an object belongs
-- to, for the ignore list (not stored).
-- MATERIALIZED: the kind filter ($2) is applied once, above, not copied into every branch; copied,
-- the planner estimated it per branch and element, most of this query's time on a small schema.
-- A branch runs only when its catalog has an object a user or an extension made (OID 16384 and up:
-- what initdb made has less); the others are left out of the query (see queries.ts).
-- no branch holds: SELECT NULL::regclass, NULL::oid, NULL::text, NULL::oid WHERE false
WITH objects (classid, objid, kind, relid) AS MATERIALIZED (
  -- branch only when: EXISTS (SELECT FROM pg_class x WHERE x.oid >= 16384)
  SELECT 'pg_class'::regclass, c.oid,
         CASE c.relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view'
                        WHEN 'S' THEN 'sequence' WHEN 'f' THEN 'foreign table' WHEN 'i' THEN 'index' WHEN 'I' THEN 'index'
                        ELSE 'relation of kind ' || c.relkind::text END,
         coalesce(ix.indrelid, c.oid) -- an index belongs to its table
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_index ix ON ix.indexrelid = c.oid
  WHERE c.relkind NOT IN ('c', 't') AND n.nspname NOT LIKE 'pg\_%' AND n.nspname <> ALL ($1::text[])
    AND NOT_EXTENSION_MEMBER(pg_class, c.oid)
  UNION ALL
  -- branch only when: EXISTS (SELECT FROM pg_type x WHERE x.oid >= 16384)
  SELECT 'pg_type'::regclass, t.oid,
         CASE WHEN NOT t.typisdefined THEN 'shell type'
              ELSE CASE t.typtype WHEN 'b' THEN 'base type' WHEN 'c' THEN 'composite type' WHEN 'd' THEN 'domain' WHEN 'e' THEN 'enum'
                                  WHEN 'p' THEN 'pseudo-type' WHEN 'r' THEN 'range type' WHEN 'm' THEN 'multirange type'
                                  ELSE 'type of kind ' || t.typtype::text END END,
         NULL::oid
  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
  WHERE n.nspname NOT LIKE 'pg\_%' AND n.nspname <> ALL ($1::text[])
    AND NOT_EXTENSION_MEMBER(pg_type, t.oid)
    AND NOT (t.typrelid <> 0 AND (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) <> 'c')
    AND NOT EXISTS (SELECT FROM pg_type e WHERE e.oid = t.typelem AND e.typarray = t.oid)
    AND NOT EXISTS (SELECT FROM pg_range r WHERE r.rngmultitypid = t.oid) -- pg>=14
  UNION ALL
  -- branch only when: EXISTS (SELECT FROM pg_proc x WHERE x.oid >= 16384)
  SELECT 'pg_proc'::regclass, p.oid,
         CASE p.prokind WHEN 'f' THEN 'function' WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' WHEN 'w' THEN 'window function' END,
         NULL::oid
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
  WHERE n.nspname NOT LIKE 'pg\_%' AND n.nspname <> ALL ($1::text[])
    AND NOT_EXTENSION_MEMBER(pg_proc, p.oid)
  UNION ALL
  -- branch only when: EXISTS (SELECT FROM pg_constraint x WHERE x.oid >= 16384)
  SELECT 'pg_constraint'::regclass, con.oid,
         CASE WHEN con.contypid <> 0 THEN 'domain constraint'
              WHEN c.relkind IN ('r', 'p') THEN 'table constraint'
              ELSE 'constraint on relation of kind ' || c.relkind::text END,
         nullif(con.conrelid, 0)
  FROM pg_constraint con
  JOIN pg_namespace n ON n.oid = con.connamespace
  LEFT JOIN pg_class c ON c.oid = con.conrelid
  WHERE con.contype NOT IN ('n', 't') AND n.nspname NOT LIKE 'pg\_%' AND n.nspname <> ALL ($1::text[])
    AND (c.oid IS NULL OR NOT_EXTENSION_MEMBER(pg_class, c.oid))
    AND (con.contypid = 0 OR NOT_EXTENSION_MEMBER(pg_type, con.contypid))
  UNION ALL
  -- branch only when: EXISTS (SELECT FROM pg_trigger x WHERE x.oid >= 16384)
  SELECT 'pg_trigger'::regclass, tg.oid,
         CASE WHEN c.relkind IN ('r', 'p', 'v', 'm') THEN 'trigger' ELSE 'trigger on relation of kind ' || c.relkind::text END,
         c.oid
  FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE NOT tg.tgisinternal AND n.nspname NOT LIKE 'pg\_%' AND n.nspname <> ALL ($1::text[])
    AND NOT_EXTENSION_MEMBER(pg_class, c.oid)
  UNION ALL
  -- branch only when: EXISTS (SELECT FROM pg_rewrite x WHERE x.oid >= 16384)
  SELECT 'pg_rewrite'::regclass, r.oid,
         CASE WHEN c.relkind IN ('r', 'p', 'v', 'm') THEN 'rule' ELSE 'rule on relation of kind ' || c.relkind::text END,
         c.oid
  FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE r.rulename <> '_RETURN' AND n.nspname NOT LIKE 'pg\_%' AND n.nspname <> ALL ($1::text[])
    AND NOT_EXTENSION_MEMBER(pg_class, c.oid) AND NOT_EXTENSION_MEMBER(pg_rewrite, r.oid)
  UNION ALL
  -- branch only when: EXISTS (SELECT FROM pg_policy x WHERE x.oid >= 16384)
  SELECT 'pg_policy'::regclass, p.oid, 'policy', c.oid
  FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname NOT LIKE 'pg\_%' AND n.nspname <> ALL ($1::text[])
    AND NOT_EXTENSION_MEMBER(pg_class, c.oid) AND NOT_EXTENSION_MEMBER(pg_policy, p.oid)
  UNION ALL
  -- branch only when: EXISTS (SELECT FROM pg_statistic_ext x WHERE x.oid >= 16384)
  SELECT 'pg_statistic_ext'::regclass, s.oid, 'statistics', s.stxrelid
  FROM pg_statistic_ext s JOIN pg_namespace n ON n.oid = s.stxnamespace
  WHERE n.nspname NOT LIKE 'pg\_%' AND n.nspname <> ALL ($1::text[]) AND NOT_EXTENSION_MEMBER(pg_statistic_ext, s.oid)
  UNION ALL
  -- branch only when: EXISTS (SELECT FROM pg_collation x WHERE x.oid >= 16384)
  SELECT 'pg_collation'::regclass, x.oid, 'collation', NULL::oid
  FROM pg_collation x JOIN pg_namespace n ON n.oid = x.collnamespace
  WHERE n.nspname NOT LIKE 'pg\_%' AND n.nspname <> ALL ($1::text[]) AND NOT_EXTENSION_MEMBER(pg_collation, x.oid)
  UNION ALL
  -- branch only when: EXISTS (SELECT FROM pg_operator x WHERE x.oid >= 16384)
  SELECT 'pg_operator'::regclass, x.oid, 'operator', NULL::oid
  FROM pg_operator x JOIN pg_namespace n ON n.oid = x.oprnamespace
  WHERE n.nspname NOT LIKE 'pg\_%' AND n.nspname <> ALL ($1::text[]) AND NOT_EXTENSION_MEMBER(pg_operator, x.oid)
  UNION ALL
  -- branch only when: EXISTS (SELECT FROM pg_opclass x WHERE x.oid >= 16384)
  SELECT 'pg_opclass'::regclass, x.oid, 'operator class', NULL::oid
  FROM pg_opclass x JOIN pg_namespace n ON n.oid = x.opcnamespace
  WHERE n.nspname NOT LIKE 'pg\_%' AND n.nspname <> ALL ($1::text[]) AND NOT_EXTENSION_MEMBER(pg_opclass, x.oid)
  UNION ALL
  -- branch only when: EXISTS (SELECT FROM pg_opfamily x WHERE x.oid >= 16384)
  SELECT 'pg_opfamily'::regclass, x.oid, 'operator family', NULL::oid
  FROM pg_opfamily x JOIN pg_namespace n ON n.oid = x.opfnamespace
  WHERE n.nspname NOT LIKE 'pg\_%' AND n.nspname <> ALL ($1::text[]) AND NOT_EXTENSION_MEMBER(pg_opfamily, x.oid)
  UNION ALL
  -- branch only when: EXISTS (SELECT FROM pg_ts_config x WHERE x.oid >= 16384)
  SELECT 'pg_ts_config'::regclass, x.oid, 'text search configuration', NULL::oid
  FROM pg_ts_config x JOIN pg_namespace n ON n.oid = x.cfgnamespace
  WHERE n.nspname NOT LIKE 'pg\_%' AND n.nspname <> ALL ($1::text[]) AND NOT_EXTENSION_MEMBER(pg_ts_config, x.oid)
  UNION ALL
  -- branch only when: EXISTS (SELECT FROM pg_ts_dict x WHERE x.oid >= 16384)
  SELECT 'pg_ts_dict'::regclass, x.oid, 'text search dictionary', NULL::oid
  FROM pg_ts_dict x JOIN pg_namespace n ON n.oid = x.dictnamespace
  WHERE n.nspname NOT LIKE 'pg\_%' AND n.nspname <> ALL ($1::text[]) AND NOT_EXTENSION_MEMBER(pg_ts_dict, x.oid)
  UNION ALL
  -- branch only when: EXISTS (SELECT FROM pg_ts_parser x WHERE x.oid >= 16384)
  SELECT 'pg_ts_parser'::regclass, x.oid, 'text search parser', NULL::oid
  FROM pg_ts_parser x JOIN pg_namespace n ON n.oid = x.prsnamespace
  WHERE n.nspname NOT LIKE 'pg\_%' AND n.nspname <> ALL ($1::text[]) AND NOT_EXTENSION_MEMBER(pg_ts_parser, x.oid)
  UNION ALL
  -- branch only when: EXISTS (SELECT FROM pg_ts_template x WHERE x.oid >= 16384)
  SELECT 'pg_ts_template'::regclass, x.oid, 'text search template', NULL::oid
  FROM pg_ts_template x JOIN pg_namespace n ON n.oid = x.tmplnamespace
  WHERE n.nspname NOT LIKE 'pg\_%' AND n.nspname <> ALL ($1::text[]) AND NOT_EXTENSION_MEMBER(pg_ts_template, x.oid)
  UNION ALL
  -- branch only when: EXISTS (SELECT FROM pg_conversion x WHERE x.oid >= 16384)
  SELECT 'pg_conversion'::regclass, x.oid, 'conversion', NULL::oid
  FROM pg_conversion x JOIN pg_namespace n ON n.oid = x.connamespace
  WHERE n.nspname NOT LIKE 'pg\_%' AND n.nspname <> ALL ($1::text[]) AND NOT_EXTENSION_MEMBER(pg_conversion, x.oid)
  UNION ALL
  -- branch only when: EXISTS (SELECT FROM pg_default_acl x WHERE x.oid >= 16384)
  SELECT 'pg_default_acl'::regclass, x.oid, 'default privileges', NULL::oid
  FROM pg_default_acl x LEFT JOIN pg_namespace n ON n.oid = x.defaclnamespace
  WHERE n.oid IS NULL OR (n.nspname NOT LIKE 'pg\_%' AND n.nspname <> ALL ($1::text[]))
  UNION ALL
  -- branch only when: EXISTS (SELECT FROM pg_publication x WHERE x.oid >= 16384)
  -- objects outside schemas: made by the user when not by initdb and not by an extension
  SELECT 'pg_publication'::regclass, x.oid, 'publication', NULL::oid FROM pg_publication x WHERE NOT_EXTENSION_MEMBER(pg_publication, x.oid)
  UNION ALL
  -- branch only when: EXISTS (SELECT FROM pg_event_trigger x WHERE x.oid >= 16384)
  SELECT 'pg_event_trigger'::regclass, x.oid, 'event trigger', NULL::oid FROM pg_event_trigger x WHERE NOT_EXTENSION_MEMBER(pg_event_trigger, x.oid)
  UNION ALL
  -- branch only when: EXISTS (SELECT FROM pg_cast x WHERE x.oid >= 16384)
  SELECT 'pg_cast'::regclass, x.oid, 'cast', NULL::oid FROM pg_cast x WHERE x.oid >= 16384 AND NOT_EXTENSION_MEMBER(pg_cast, x.oid)
  UNION ALL
  -- branch only when: EXISTS (SELECT FROM pg_foreign_data_wrapper x WHERE x.oid >= 16384)
  SELECT 'pg_foreign_data_wrapper'::regclass, x.oid, 'foreign-data wrapper', NULL::oid FROM pg_foreign_data_wrapper x WHERE x.oid >= 16384 AND NOT_EXTENSION_MEMBER(pg_foreign_data_wrapper, x.oid)
  UNION ALL
  -- branch only when: EXISTS (SELECT FROM pg_foreign_server x WHERE x.oid >= 16384)
  SELECT 'pg_foreign_server'::regclass, x.oid, 'foreign server', NULL::oid FROM pg_foreign_server x WHERE x.oid >= 16384 AND NOT_EXTENSION_MEMBER(pg_foreign_server, x.oid)
  UNION ALL
  -- branch only when: EXISTS (SELECT FROM pg_user_mappings x WHERE x.umid >= 16384)
  -- (pg_user_mapping only a superuser may read; its view, anyone: every mapping, the options hidden)
  SELECT 'pg_user_mapping'::regclass, x.umid, 'user mapping', NULL::oid FROM pg_user_mappings x WHERE x.umid >= 16384
  UNION ALL
  -- branch only when: EXISTS (SELECT FROM pg_subscription x WHERE x.oid >= 16384 AND x.subdbid = (SELECT d.oid FROM pg_database d WHERE d.datname = current_database()))
  SELECT 'pg_subscription'::regclass, x.oid, 'subscription', NULL::oid FROM pg_subscription x WHERE x.subdbid = (SELECT d.oid FROM pg_database d WHERE d.datname = current_database())
  UNION ALL
  -- branch only when: EXISTS (SELECT FROM pg_language x WHERE x.oid >= 16384)
  SELECT 'pg_language'::regclass, x.oid, 'language', NULL::oid FROM pg_language x WHERE x.oid >= 16384 AND NOT_EXTENSION_MEMBER(pg_language, x.oid)
  UNION ALL
  -- branch only when: EXISTS (SELECT FROM pg_transform x WHERE x.oid >= 16384)
  SELECT 'pg_transform'::regclass, x.oid, 'transform', NULL::oid FROM pg_transform x WHERE x.oid >= 16384 AND NOT_EXTENSION_MEMBER(pg_transform, x.oid)
  UNION ALL
  -- branch only when: EXISTS (SELECT FROM pg_am x WHERE x.oid >= 16384)
  SELECT 'pg_am'::regclass, x.oid, 'access method', NULL::oid FROM pg_am x WHERE x.oid >= 16384 AND NOT_EXTENSION_MEMBER(pg_am, x.oid)
)
SELECT kind, identity, relation
FROM (SELECT o.kind,
             (pg_identify_object(o.classid, o.objid, 0)).identity AS identity,
             CASE WHEN rn.oid IS NOT NULL THEN ARRAY[rn.nspname::text, rc.relname::text] END AS relation -- for the ignore list; not stored
      FROM objects o
      LEFT JOIN pg_class rc ON rc.oid = o.relid
      LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace
      WHERE o.kind <> ALL ($2::text[])
        -- $1 (the excluded schemas) is in the branches, and a statement must name each parameter
        -- whichever branches are left
        AND $1::text[] IS NOT NULL
        -- made by the server along with another object (a range's cast to its multirange…)
        AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = o.classid AND d.objid = o.objid AND d.deptype = 'i')) uncovered
ORDER BY kind COLLATE "C", identity COLLATE "C";
