-- 018 (Aug 29, 2025, the last migration production ran): traffic-light thresholds per metric,
-- and comments that document the flow metrics tables.
-- The audit names this migration but not its content; thresholds in days and the comment texts
-- are our choice (audit silent). No check constraint: the audit lists the business checks and
-- none is on flow_metrics_config.

ALTER TABLE flow_metrics_config
  ADD COLUMN green_threshold_days numeric(6,1),
  ADD COLUMN amber_threshold_days numeric(6,1);

COMMENT ON TABLE flow_metrics_config IS 'Flow metrics shown on the dashboard, in sort_order.';
COMMENT ON COLUMN flow_metrics_config.metric_key IS 'Stable key used by the app, e.g. lead_to_quote.';
COMMENT ON COLUMN flow_metrics_config.green_threshold_days IS 'At or below: on track.';
COMMENT ON COLUMN flow_metrics_config.amber_threshold_days IS 'At or below: at risk; above: late.';
COMMENT ON TABLE canonical_stage_mappings IS 'Pipedrive stages that start and end each flow metric.';
