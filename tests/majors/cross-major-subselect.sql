-- Views whose query holds sub-selects. Before 16 the server qualifies every column of the outer
-- query ("r.id"); 16 and later do not when that query reads one relation ("id"). Sub-selects are
-- written alike by every major (qualified).
CREATE VIEW public.v_sub AS SELECT id, (SELECT count(*) FROM public.requests x WHERE x.id = r.id) AS c FROM public.requests r;
CREATE VIEW public.v_exists AS SELECT r.id FROM public.requests r WHERE EXISTS (SELECT 1 FROM public.requests u WHERE u.id = r.id) AND r.status IN (SELECT status FROM public.requests) ORDER BY r.id;
CREATE VIEW public.v_array AS SELECT id, ARRAY(SELECT u.request_id FROM public.requests u WHERE u.id = requests.id) AS ids, lower(request_id) AS n FROM public.requests;
CREATE VIEW public.v_from_sub AS SELECT s.id, s.status FROM (SELECT q.id, q.status FROM public.requests q WHERE q.request_id IS NOT NULL) s;
CREATE VIEW public.v_cte AS WITH c AS (SELECT id, status FROM public.requests) SELECT c.id, (SELECT count(*) FROM public.requests) AS n FROM c;
CREATE VIEW public.v_nested AS SELECT id, (SELECT (SELECT count(*) FROM public.requests u WHERE u.id = r.id AND u.status = x.status) FROM public.requests x WHERE x.id = r.id LIMIT 1) AS c FROM public.requests r WHERE r.request_id > (SELECT min(request_id) FROM public.requests);
CREATE VIEW public.v_case AS SELECT CASE WHEN (SELECT count(*) FROM public.requests) > 0 THEN r.request_id ELSE r.mine_name END AS z FROM public.requests r GROUP BY r.request_id, r.mine_name HAVING r.request_id > (SELECT 'a'::text);
-- named like a column of its relation: "requests.requests" before 16
CREATE VIEW public.v_same_name AS SELECT requests.mine_group AS requests, (SELECT count(*) FROM public.requests x WHERE x.mine_group = requests.mine_group) AS c FROM public.requests;
-- a join: qualified by every major, sub-select or not
CREATE VIEW public.v_join_sub AS SELECT a.id, (SELECT count(*) FROM public.requests x WHERE x.id = b.id) AS c FROM public.requests a JOIN public.requests b ON a.id = b.id;
