-- only when: EXISTS (SELECT FROM pg_type x WHERE x.oid >= 16384 AND x.typtype = 'd')
-- Domains: base type, NOT NULL, default and CHECK constraints (a positive contype list: PG 17+
-- also stores domain NOT NULL as contype 'n', which typnotnull already says). The CHECK
-- constraints' comments follow the domain's, one line each, by name.
SELECT n.nspname AS schema,
       t.typname AS name,
       format_type(t.typbasetype, t.typtypmod) AS type,
       t.typnotnull AS "notNull",
       t.typdefault AS "default",
       CASE WHEN t.typcollation <> bt.typcollation THEN t.typcollation::regcollation::text END AS collation, -- qualified unless pg_catalog's
       coalesce((SELECT array_agg(c.conname || ' ' || pg_get_constraintdef(c.oid) ORDER BY c.conname COLLATE "C")
                 FROM pg_constraint c
                 WHERE c.contypid = t.oid AND c.contype = 'c'), '{}') AS checks,
       (SELECT string_agg(line, E'\n' ORDER BY at COLLATE "C")
        FROM (SELECT '' AS at, obj_description(t.oid, 'pg_type') AS line
              UNION ALL
              SELECT c.conname, 'constraint ' || quote_ident(c.conname) || ': ' || obj_description(c.oid, 'pg_constraint')
              FROM pg_constraint c
              WHERE c.contypid = t.oid AND c.contype = 'c') lines) AS comment
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
JOIN pg_type bt ON bt.oid = t.typbasetype
WHERE t.typtype = 'd'
  AND n.nspname NOT LIKE 'pg\_%'
  AND n.nspname <> ALL ($1::text[])
  AND NOT_EXTENSION_MEMBER(pg_type, t.oid)
ORDER BY n.nspname COLLATE "C", t.typname COLLATE "C";
