-- 014: a cache of Pipedrive deals for the metrics pages, keyed by Pipedrive's deal id.
-- The audit lists exactly these production columns: id bigint NOT NULL, title text NOT NULL,
-- pipeline_id bigint NOT NULL, stage_id bigint NOT NULL, status text NOT NULL,
-- first_fetched_at / last_fetched_at timestamptz DEFAULT now(). id is the primary key (audit
-- silent on keys; a cache keyed by the deal id is what such a table has), and no other index.

CREATE TABLE pipedrive_metric_data (
  id bigint PRIMARY KEY,
  title text NOT NULL,
  pipeline_id bigint NOT NULL,
  stage_id bigint NOT NULL,
  status text NOT NULL,
  first_fetched_at timestamptz DEFAULT now(),
  last_fetched_at timestamptz DEFAULT now()
);
