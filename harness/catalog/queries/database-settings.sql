-- only when: EXISTS (SELECT FROM pg_db_role_setting x WHERE x.setrole = 0 AND x.setdatabase = (SELECT d.oid FROM pg_database d WHERE d.datname = current_database()))
-- Settings of this database (ALTER DATABASE … SET name = value), by name. A role's settings
-- (ALTER ROLE … [IN DATABASE …] SET, setrole <> 0) are the cluster's, like roles: not read.
-- $1 (the excluded schemas) does not apply: a statement must name each parameter it is given.
SELECT split_part(s.setting, '=', 1) AS name,
       substr(s.setting, strpos(s.setting, '=') + 1) AS value
FROM pg_db_role_setting drs
CROSS JOIN LATERAL unnest(drs.setconfig) AS s(setting)
WHERE drs.setrole = 0
  AND drs.setdatabase = (SELECT d.oid FROM pg_database d WHERE d.datname = current_database())
  AND $1::text[] IS NOT NULL
-- a name is set once per database: the order is complete
ORDER BY split_part(s.setting, '=', 1) COLLATE "C";
