-- only when: EXISTS (SELECT FROM pg_proc x WHERE x.oid >= 16384 AND x.prokind <> 'a')
-- Functions, procedures and window functions, keyed by name + identity arguments (aggregates
-- are in aggregates.sql, with what defines them).
-- body is the source text (prosrc); a SQL-standard body (BEGIN ATOMIC, PG 14+) is deparsed by the
-- server. For C functions prosrc is the symbol; probin (a path on one machine) is left out.
-- DEPENDS ON EXTENSION names the extensions, TRANSFORM FOR TYPE the types (each null when none).
SELECT n.nspname AS schema,
       p.proname AS name,
       pg_get_function_identity_arguments(p.oid) AS "identityArguments",
       CASE p.prokind WHEN 'f' THEN 'function' WHEN 'p' THEN 'procedure'
                      WHEN 'a' THEN 'aggregate' WHEN 'w' THEN 'window' END AS kind,
       pg_get_function_arguments(p.oid) AS arguments,
       pg_get_function_result(p.oid) AS "returns",
       l.lanname AS language,
       CASE p.provolatile WHEN 'i' THEN 'immutable' WHEN 's' THEN 'stable' WHEN 'v' THEN 'volatile' END AS volatility,
       p.proisstrict AS strict,
       p.prosecdef AS "securityDefiner",
       p.proleakproof AS leakproof,
       CASE p.proparallel WHEN 's' THEN 'safe' WHEN 'r' THEN 'restricted' WHEN 'u' THEN 'unsafe' END AS parallel,
       p.procost::float8 AS cost,
       p.prorows::float8 AS "rows",
       coalesce(p.proconfig, '{}') AS config,
       CASE WHEN p.prosupport <> 0 THEN p.prosupport::regproc::text END AS support,
       -- TRANSFORM FOR TYPE …: the types, sorted (their order changes nothing); null when none
       (SELECT array_agg(format_type(tt, NULL) ORDER BY format_type(tt, NULL) COLLATE "C") FROM unnest(p.protrftypes) AS tt) AS transforms,
       coalesce(pg_get_function_sqlbody(p.oid), p.prosrc) AS body -- pg>=14
       p.prosrc AS body -- pg<14
       ,(SELECT array_agg(e.extname::text ORDER BY e.extname COLLATE "C")
        FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
        WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'x') AS "dependsOnExtensions",
       obj_description(p.oid, 'pg_proc') AS comment
FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
JOIN pg_language l ON l.oid = p.prolang
WHERE p.prokind <> 'a'
  AND n.nspname NOT LIKE 'pg\_%'
  AND n.nspname <> ALL ($1::text[])
  AND NOT_EXTENSION_MEMBER(pg_proc, p.oid)
ORDER BY n.nspname COLLATE "C", p.proname COLLATE "C", pg_get_function_identity_arguments(p.oid) COLLATE "C";
