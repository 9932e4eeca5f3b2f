-- Who owns each of the user's schemas, relations, routines and types: the objects grants.sql
-- reads (fragments/access-objects.sql), columns apart: they are their table's. $1: excluded
-- schema names.
WITH objects AS (
  FRAGMENT(access-objects)
)
SELECT o.kind, o.schema, o.object, o.arguments, pg_get_userbyid(o.owner)::text AS owner
FROM objects o
WHERE o.kind <> 'column'
ORDER BY o.kind COLLATE "C", o.schema COLLATE "C" NULLS FIRST, o.object COLLATE "C", o.arguments COLLATE "C" NULLS FIRST;
