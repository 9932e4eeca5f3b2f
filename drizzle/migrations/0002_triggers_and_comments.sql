-- Custom SQL migration file, put your code below! --
-- Baseline 3/3: production's triggers and comments (migrations-legacy 004, 005, 016, 017, 018),
-- which drizzle-kit cannot express. After the tables they belong to. The last migration of the
-- baseline: `parity adopt` marks 0000–0002 as applied on production without running them.
CREATE TRIGGER requests_set_updated_at
  BEFORE UPDATE ON requests
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint
CREATE TRIGGER site_visits_set_updated_at
  BEFORE UPDATE ON site_visits
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint
CREATE TRIGGER flow_metrics_config_set_updated_at
  BEFORE UPDATE ON flow_metrics_config
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
--> statement-breakpoint
CREATE TRIGGER canonical_stage_mappings_updated_at
  BEFORE UPDATE ON canonical_stage_mappings
  FOR EACH ROW EXECUTE FUNCTION update_canonical_stage_mappings_updated_at();
--> statement-breakpoint
COMMENT ON TABLE flow_metrics_config IS 'Flow metrics shown on the dashboard, in sort_order.';
--> statement-breakpoint
COMMENT ON COLUMN flow_metrics_config.metric_key IS 'Stable key used by the app, e.g. lead_to_quote.';
--> statement-breakpoint
COMMENT ON COLUMN flow_metrics_config.green_threshold_days IS 'At or below: on track.';
--> statement-breakpoint
COMMENT ON COLUMN flow_metrics_config.amber_threshold_days IS 'At or below: at risk; above: late.';
--> statement-breakpoint
COMMENT ON TABLE canonical_stage_mappings IS 'Pipedrive stages that start and end each flow metric.';
