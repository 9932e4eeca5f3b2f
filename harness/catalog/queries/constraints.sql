-- Table constraints: primary key, unique, check, foreign key, exclusion. PG 18's NOT NULL
-- constraints (contype 'n') stay with the columns' notNull — their names differ between a history
-- of ALTERs (a renamed column keeps its constraint's old name) and a fresh CREATE, and nothing
-- names them (ALTER COLUMN … DROP NOT NULL) — unless NO INHERIT or NOT VALID changes what they do.
-- The server writes the definition (columns, referenced table, actions, DEFERRABLE, NOT VALID).
-- "local", as a column's: for a constraint a table inherits (INHERITS; never a partition's),
-- whether the table declares it too; null for every other constraint. Its internal triggers
-- are no triggers of the table (triggers.sql): that one of them does not fire is the constraint's.
SELECT c.oid AS relid, -- joins the row to its relation; never stored
       con.conname AS name,
       CASE con.contype WHEN 'p' THEN 'primary key' WHEN 'u' THEN 'unique' WHEN 'c' THEN 'check'
                        WHEN 'f' THEN 'foreign key' WHEN 'x' THEN 'exclusion' WHEN 'n' THEN 'not null' END AS type,
       pg_get_constraintdef(con.oid) AS definition,
       CASE WHEN con.coninhcount > 0 AND NOT c.relispartition THEN con.conislocal END AS "local",
       -- the internal triggers that enforce it (a foreign key's, on its table and the referenced one; a
       -- deferrable key's recheck) that do not fire as usual (ALTER TABLE … DISABLE TRIGGER ALL,
       -- ENABLE REPLICA / ALWAYS TRIGGER): `table: disabled`, `referenced table: disabled`…; null when all do
       kt.states AS triggers,
       dsc.description AS comment
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_description dsc ON dsc.objoid = con.oid AND dsc.classoid = 'pg_constraint'::regclass AND dsc.objsubid = 0
-- rare: read in one pass over the triggers that do not fire as usual, not looked up for every
-- constraint (a foreign key has four internal triggers: at 2,000 tables, 8,000 lookups)
LEFT JOIN (SELECT tgconstraint, array_agg(state ORDER BY state COLLATE "C") AS states
           FROM (SELECT DISTINCT tg.tgconstraint,
                        CASE WHEN tg.tgrelid = k.conrelid THEN 'table' ELSE 'referenced table' END || ': '
                        || CASE tg.tgenabled WHEN 'D' THEN 'disabled' WHEN 'R' THEN 'replica' WHEN 'A' THEN 'always' END AS state
                 FROM pg_trigger tg JOIN pg_constraint k ON k.oid = tg.tgconstraint
                 WHERE tg.tgisinternal AND tg.tgenabled <> 'O') states
           GROUP BY tgconstraint) kt ON kt.tgconstraint = con.oid
WHERE (con.contype IN ('p', 'u', 'c', 'f', 'x') OR (con.contype = 'n' AND (con.connoinherit OR NOT con.convalidated)))
  AND c.relkind IN ('r', 'p')
  AND n.nspname NOT LIKE 'pg\_%'
  AND n.nspname <> ALL ($1::text[])
  AND NOT_EXTENSION_MEMBER(pg_class, c.oid)
  AND IN_SHARE(c.oid)
-- Ordered by relation OID, then within it: each row goes to its relation, placed by name in
-- its own query (see PART_QUERIES in read.ts).
-- (conrelid, conname) is unique in pg_constraint, so this order is complete; sorting by the
-- definition too would deparse every constraint twice.
ORDER BY c.oid, con.conname COLLATE "C";
