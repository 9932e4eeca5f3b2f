CREATE VIEW public.v_sub AS SELECT id, (SELECT count(*) FROM public.requests x WHERE x.id = r.id) AS c FROM public.requests r;
