-- 016: the flow metrics shown on the dashboard, configurable without a deploy.
-- The audit: metric_key is unique by a constraint (flow_metrics_config_metric_key_key, not an
-- idx_fmc_metric_key index); sort_order and is_active exist (their indexes do not). Other
-- columns are our choice (audit silent).

CREATE TABLE flow_metrics_config (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  metric_key text NOT NULL CONSTRAINT flow_metrics_config_metric_key_key UNIQUE,
  display_title text NOT NULL,
  description text,
  sort_order integer NOT NULL DEFAULT 0,
  is_active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TRIGGER flow_metrics_config_set_updated_at
  BEFORE UPDATE ON flow_metrics_config
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
