-- only when: EXISTS (SELECT FROM pg_aggregate x WHERE x.aggfnoid >= 16384)
-- Aggregates with what defines them (pg_aggregate): the transition, final, combine and
-- (de)serialization functions, the state type and initial value, the moving-aggregate variants
-- and the sort operator. Functions print as the server writes regproc, schema-qualified where
-- not in pg_catalog; the final functions as regprocedure, with their argument types (which of
-- two overloads an aggregate calls is not told by the name). The moving-aggregate fields are null
-- without a moving mode (no MSFUNC).
SELECT n.nspname AS schema,
       p.proname AS name,
       pg_get_function_identity_arguments(p.oid) AS "identityArguments",
       pg_get_function_arguments(p.oid) AS arguments,
       pg_get_function_result(p.oid) AS "returns",
       CASE a.aggkind WHEN 'n' THEN 'normal' WHEN 'o' THEN 'ordered-set' WHEN 'h' THEN 'hypothetical-set' END AS kind,
       a.aggtransfn::text AS transition,
       format_type(a.aggtranstype, NULL) AS "stateType",
       a.aggtransspace AS "stateSpace",
       a.agginitval AS initial,
       nullif(a.aggfinalfn, 0)::regprocedure::text AS final,
       a.aggfinalextra AS "finalExtra",
       CASE a.aggfinalmodify WHEN 'r' THEN 'read_only' WHEN 's' THEN 'shareable' WHEN 'w' THEN 'read_write' END AS "finalModify",
       nullif(a.aggcombinefn, 0)::regproc::text AS combine,
       nullif(a.aggserialfn, 0)::regproc::text AS serialize,
       nullif(a.aggdeserialfn, 0)::regproc::text AS deserialize,
       nullif(a.aggmtransfn, 0)::regproc::text AS "movingTransition",
       nullif(a.aggminvtransfn, 0)::regproc::text AS "movingInverse",
       CASE WHEN a.aggmtranstype <> 0 THEN format_type(a.aggmtranstype, NULL) END AS "movingStateType",
       a.aggminitval AS "movingInitial",
       nullif(a.aggmfinalfn, 0)::regprocedure::text AS "movingFinal",
       CASE WHEN a.aggmtransfn <> 0 THEN a.aggmfinalextra END AS "movingFinalExtra",
       CASE WHEN a.aggmtransfn <> 0 THEN
         CASE a.aggmfinalmodify WHEN 'r' THEN 'read_only' WHEN 's' THEN 'shareable' WHEN 'w' THEN 'read_write' END END AS "movingFinalModify",
       CASE WHEN a.aggmtransfn <> 0 THEN a.aggmtransspace END AS "movingStateSpace",
       nullif(a.aggsortop, 0)::regoperator::text AS "sortOperator",
       CASE p.proparallel WHEN 's' THEN 'safe' WHEN 'r' THEN 'restricted' WHEN 'u' THEN 'unsafe' END AS parallel,
       obj_description(p.oid, 'pg_proc') AS comment
FROM pg_aggregate a
JOIN pg_proc p ON p.oid = a.aggfnoid
JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname NOT LIKE 'pg\_%'
  AND n.nspname <> ALL ($1::text[])
  AND NOT_EXTENSION_MEMBER(pg_proc, p.oid)
ORDER BY n.nspname COLLATE "C", p.proname COLLATE "C", pg_get_function_identity_arguments(p.oid) COLLATE "C";
