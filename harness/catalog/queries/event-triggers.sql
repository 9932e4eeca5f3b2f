-- only when: EXISTS (SELECT FROM pg_event_trigger x WHERE x.oid >= 16384)
-- Event triggers: the event, the WHEN TAG list (sorted: its order changes nothing), the
-- function (schema-qualified) and whether it fires. Those whose function is in an ignored schema
-- ($1: a provider's) are the provider's.
SELECT e.evtname AS name,
       e.evtevent AS event,
       coalesce((SELECT array_agg(tag ORDER BY tag COLLATE "C") FROM unnest(e.evttags) AS tag), '{}') AS tags,
       quote_ident(fn.nspname) || '.' || quote_ident(f.proname) AS function,
       CASE e.evtenabled WHEN 'O' THEN 'origin' WHEN 'D' THEN 'disabled'
                         WHEN 'R' THEN 'replica' WHEN 'A' THEN 'always' END AS enabled,
       obj_description(e.oid, 'pg_event_trigger') AS comment
FROM pg_event_trigger e
JOIN pg_proc f ON f.oid = e.evtfoid
JOIN pg_namespace fn ON fn.oid = f.pronamespace
WHERE NOT_EXTENSION_MEMBER(pg_event_trigger, e.oid)
  AND fn.nspname <> ALL ($1::text[])
ORDER BY e.evtname COLLATE "C";
