-- A relation's inheritance parents, schema-qualified, in inheritance order ('{}' when none), of the
-- relation `c`: read by tables.sql and foreign-tables.sql as FRAGMENT(parents).
coalesce((SELECT array_agg(quote_ident(pn.nspname) || '.' || quote_ident(pc.relname) ORDER BY i.inhseqno)
          FROM pg_inherits i
          JOIN pg_class pc ON pc.oid = i.inhparent
          JOIN pg_namespace pn ON pn.oid = pc.relnamespace
          WHERE i.inhrelid = c.oid), '{}')
