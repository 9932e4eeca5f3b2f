/**
 * The audit's findings (../shared/seed/phase1-audit.md §2, §3, §5, and §4/§6 for what a drizzle
 * schema cannot hold), each with the differences `compare(legacy, aspirational)` must report for
 * it. Together they must be every difference: nothing the audit does not explain.
 */
export interface AuditFinding {
  audit: string;
  /** `kind object path [property]` */
  differences: string[];
}

const idx = (table: string, ...names: string[]) => names.map((n) => `extra index public.${table}#${n}`);
const col = (kind: 'missing' | 'extra', table: string, ...names: string[]) => names.map((n) => `${kind} column public.${table}.${n}`);

export const auditFindings: AuditFinding[] = [
  { audit: '§2 "mock_requests - Defined in schema.ts, doesn\'t exist in prod"', differences: ['extra table public.mock_requests'] },
  { audit: '§2 "flow_metrics - Defined in schema.ts (lines 149-161), doesn\'t exist in prod"', differences: ['extra table public.flow_metrics'] },
  { audit: '§2 "kv_cache - Defined in schema.ts (lines 163-173), doesn\'t exist in prod"', differences: ['extra table public.kv_cache'] },
  {
    audit: '§2 pipedrive_metric_data "Production columns: id bigint … title, pipeline_id, stage_id, status, first_fetched_at, last_fetched_at" (absent from schema.ts)',
    differences: col('missing', 'pipedrive_metric_data', 'first_fetched_at', 'last_fetched_at', 'pipeline_id', 'stage_id', 'status', 'title'),
  },
  {
    audit: '§2 pipedrive_metric_data "schema.ts columns: dealId, metricKey, startStageId, endStageId, startTimestamp, endTimestamp, durationDays, createdAt" (❌ MISSING IN PROD)',
    differences: col('extra', 'pipedrive_metric_data', 'created_at', 'deal_id', 'duration_days', 'end_stage_id', 'end_timestamp', 'metric_key', 'start_stage_id', 'start_timestamp'),
  },
  {
    audit: '§2 pipedrive_metric_data "id bigint (NOT NULL)" in production vs "id uuid (PRIMARY KEY, defaultRandom())" in schema.ts',
    differences: ['changed column public.pipedrive_metric_data.id type', 'changed column public.pipedrive_metric_data.id default'],
  },
  { audit: '§2 pipedrive_deal_flow_data "Production has: pipeline_id (bigint, NOT NULL) ❌ NOT IN schema.ts"', differences: ['missing column public.pipedrive_deal_flow_data.pipeline_id'] },
  { audit: '§2 pipedrive_deal_flow_data "Production has: pipedrive_event_id (bigint, NOT NULL) ❌ NOT IN schema.ts"', differences: ['missing column public.pipedrive_deal_flow_data.pipedrive_event_id'] },
  {
    audit: '§2 pipedrive_deal_flow_data "Production uses: entered_at … schema.ts uses: timestamp (close match to entered_at)"',
    differences: ['missing column public.pipedrive_deal_flow_data.entered_at', 'extra column public.pipedrive_deal_flow_data.timestamp'],
  },
  { audit: '§2 pipedrive_deal_flow_data "schema.ts has: eventId (text) but production has pipedrive_event_id (bigint)"', differences: ['extra column public.pipedrive_deal_flow_data.event_id'] },
  { audit: '§2 pipedrive_submissions "Production: simulated_deal_id integer (NULLABLE); schema.ts: simulatedDealId integer (NOT NULL)"', differences: ['changed column public.pipedrive_submissions.simulated_deal_id notNull'] },
  { audit: '§2 site_visits "Production: updated_at column exists but has NO default; schema.ts: updatedAt has defaultNow()"', differences: ['changed column public.site_visits.updated_at default'] },
  {
    audit: '§3 canonical_stage_mappings "Missing: idx_csm_canonical_stage, idx_csm_start_stage, idx_csm_end_stage, idx_csm_start_stage_id, idx_csm_end_stage_id, idx_csm_metric_config_id"',
    differences: idx('canonical_stage_mappings', 'idx_csm_canonical_stage', 'idx_csm_end_stage', 'idx_csm_end_stage_id', 'idx_csm_metric_config_id', 'idx_csm_start_stage', 'idx_csm_start_stage_id'),
  },
  {
    audit: '§3 requests "Missing: idx_requests_created_at, idx_requests_status, idx_requests_mine_group, idx_requests_mine_name, idx_requests_salesperson, idx_requests_line_items_gin, idx_requests_contact_gin"',
    differences: idx('requests', 'idx_requests_contact_gin', 'idx_requests_created_at', 'idx_requests_line_items_gin', 'idx_requests_mine_group', 'idx_requests_mine_name', 'idx_requests_salesperson', 'idx_requests_status'),
  },
  {
    audit: '§3 requests "idx_requests_request_id (has unique constraint instead)"',
    differences: ['extra index public.requests#idx_requests_request_id', 'missing constraint public.requests#requests_request_id_key'],
  },
  { audit: '§3 site_visits "Missing: idx_site_visits_date, idx_site_visits_salesperson, idx_site_visits_created_at"', differences: idx('site_visits', 'idx_site_visits_created_at', 'idx_site_visits_date', 'idx_site_visits_salesperson') },
  {
    audit: '§3 pipedrive_submissions "Missing: idx_pipedrive_submissions_request_id, idx_pipedrive_submissions_simulated_deal_id"',
    differences: idx('pipedrive_submissions', 'idx_pipedrive_submissions_request_id', 'idx_pipedrive_submissions_simulated_deal_id'),
  },
  {
    audit: '§3 pipedrive_deal_flow_data "Missing: idx_pipedrive_deal_flow_data_deal_id, idx_pipedrive_deal_flow_data_stage_id, idx_pipedrive_deal_flow_data_timestamp"',
    differences: idx('pipedrive_deal_flow_data', 'idx_pipedrive_deal_flow_data_deal_id', 'idx_pipedrive_deal_flow_data_stage_id', 'idx_pipedrive_deal_flow_data_timestamp'),
  },
  { audit: '§3 pipedrive_metric_data "All indexes missing (because table structure is wrong)"', differences: idx('pipedrive_metric_data', 'idx_pipedrive_metric_data_deal_id', 'idx_pipedrive_metric_data_metric_key') },
  { audit: '§3 flow_metrics_config "Missing: idx_fmc_sort_order, idx_fmc_is_active"', differences: idx('flow_metrics_config', 'idx_fmc_is_active', 'idx_fmc_sort_order') },
  {
    audit: '§3 flow_metrics_config "idx_fmc_metric_key (has unique constraint instead)"',
    differences: ['extra index public.flow_metrics_config#idx_fmc_metric_key', 'missing constraint public.flow_metrics_config#flow_metrics_config_metric_key_key'],
  },
  {
    audit: '§4 "Only ONE FK in production: canonical_stage_mappings.metric_config_id → flow_metrics_config.id"; "schema.ts doesn\'t define this FK explicitly (it\'s inferred from relations)"',
    differences: ['missing constraint public.canonical_stage_mappings#canonical_stage_mappings_metric_config_id_fkey'],
  },
  { audit: '§5 "Production has: draft, submitted, approved, rejected; schema.ts has: draft, submitted, failed"', differences: ['changed enum public.request_status labels'] },
  {
    audit: '§6 "Production has 6 custom functions" (a drizzle schema cannot hold functions)',
    differences: ['generate_mock_request_id()', 'generate_prod_request_id()', 'generate_request_id()', 'set_updated_at()', 'update_canonical_stage_mappings_updated_at()', 'validate_contact_jsonb(contact jsonb)'].map((f) => `missing function public.${f}`),
  },
  {
    audit: '§6 "set_updated_at() - Trigger function"; "update_canonical_stage_mappings_updated_at() - Trigger function" (their triggers)',
    differences: [
      'missing trigger public.canonical_stage_mappings#canonical_stage_mappings_updated_at',
      'missing trigger public.flow_metrics_config#flow_metrics_config_set_updated_at',
      'missing trigger public.requests#requests_set_updated_at',
      'missing trigger public.site_visits#site_visits_set_updated_at',
    ],
  },
  { audit: '§6 "generate_request_id() - Manual sequence logic": the default of requests.request_id, which schema.ts cannot name', differences: ['changed column public.requests.request_id default'] },
  {
    audit: '§1 "Last migration: flow_metrics_thresholds_and_comments": its COMMENTs (cosmetic; a drizzle schema cannot hold comments)',
    differences: [
      'changed table public.canonical_stage_mappings comment',
      'changed table public.flow_metrics_config comment',
      'changed column public.flow_metrics_config.amber_threshold_days comment',
      'changed column public.flow_metrics_config.green_threshold_days comment',
      'changed column public.flow_metrics_config.metric_key comment',
    ],
  },
];
