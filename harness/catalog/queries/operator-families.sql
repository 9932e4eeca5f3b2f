-- only when: EXISTS (SELECT FROM pg_opfamily x WHERE x.oid >= 16384)
-- Operator families with their members: operators (strategy, operator, purpose) and support
-- functions (number, operand types, function), each list in a complete order.
SELECT n.nspname AS schema,
       f.opfname AS name,
       am.amname AS method,
       coalesce((SELECT array_agg(o.amopstrategy || ' ' || o.amopopr::regoperator::text
                                  || CASE WHEN o.amoppurpose = 'o' THEN ' FOR ORDER BY ' || quote_ident(sn.nspname) || '.' || quote_ident(sf.opfname) ELSE '' END
                                  ORDER BY o.amopstrategy, o.amopopr::regoperator::text COLLATE "C")
                 FROM pg_amop o
                 LEFT JOIN pg_opfamily sf ON sf.oid = o.amopsortfamily
                 LEFT JOIN pg_namespace sn ON sn.oid = sf.opfnamespace
                 WHERE o.amopfamily = f.oid), '{}') AS operators,
       coalesce((SELECT array_agg(pr.amprocnum || ' (' || format_type(pr.amproclefttype, NULL) || ', ' || format_type(pr.amprocrighttype, NULL) || ') '
                                  || pr.amproc::regprocedure::text
                                  ORDER BY pr.amprocnum, format_type(pr.amproclefttype, NULL) COLLATE "C", format_type(pr.amprocrighttype, NULL) COLLATE "C")
                 FROM pg_amproc pr WHERE pr.amprocfamily = f.oid), '{}') AS functions,
       obj_description(f.oid, 'pg_opfamily') AS comment
FROM pg_opfamily f
JOIN pg_namespace n ON n.oid = f.opfnamespace
JOIN pg_am am ON am.oid = f.opfmethod
WHERE n.nspname NOT LIKE 'pg\_%'
  AND n.nspname <> ALL ($1::text[])
  AND NOT_EXTENSION_MEMBER(pg_opfamily, f.oid)
ORDER BY n.nspname COLLATE "C", f.opfname COLLATE "C", am.amname COLLATE "C";
