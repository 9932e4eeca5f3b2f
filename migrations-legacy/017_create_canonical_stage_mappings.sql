-- 017: which Pipedrive stages start and end each metric.
-- The audit: the only foreign key in production is canonical_stage_mappings.metric_config_id →
-- flow_metrics_config.id (named canonical_stage_mappings_metric_config_id_fkey), and none of the
-- idx_csm_* indexes exist. ON DELETE CASCADE is our choice (audit silent): mappings belong to
-- their metric. The table has its own updated_at trigger function, as the audit lists.

CREATE TABLE canonical_stage_mappings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  metric_config_id uuid NOT NULL REFERENCES flow_metrics_config (id) ON DELETE CASCADE,
  canonical_stage text NOT NULL,
  start_stage text,
  end_stage text,
  start_stage_id bigint,
  end_stage_id bigint,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION update_canonical_stage_mappings_updated_at() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END;
$$;

CREATE TRIGGER canonical_stage_mappings_updated_at
  BEFORE UPDATE ON canonical_stage_mappings
  FOR EACH ROW EXECUTE FUNCTION update_canonical_stage_mappings_updated_at();
