/**
 * The audit's statements about production (../shared/seed/phase1-audit.md), one row each, as
 * catalog queries with the rows production must give. tests/legacy/facts.test.ts runs them
 * against a replay of migrations-legacy/.
 */
export interface LegacyFact {
  /** Where in the audit, and its words. */
  audit: string;
  sql: string;
  expected: Record<string, unknown>[];
}

const columnsOf = (table: string) => `
  SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null,
         pg_get_expr(d.adbin, d.adrelid) AS "default"
  FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
  WHERE a.attrelid = 'public.${table}'::regclass AND a.attnum > 0 AND NOT a.attisdropped
  ORDER BY a.attnum`;

const indexesNamed = (names: string[]) => `
  SELECT indexname FROM pg_indexes
  WHERE schemaname = 'public' AND indexname IN (${names.map((n) => `'${n}'`).join(', ')})
  ORDER BY indexname`;

const column = (table: string, name: string) => `
  SELECT format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null, pg_get_expr(d.adbin, d.adrelid) AS "default"
  FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
  WHERE a.attrelid = 'public.${table}'::regclass AND a.attname = '${name}' AND NOT a.attisdropped`;

const hasColumn = (table: string, name: string) => `
  SELECT count(*)::int AS n FROM pg_attribute
  WHERE attrelid = 'public.${table}'::regclass AND attname = '${name}' AND attnum > 0 AND NOT attisdropped`;

export const legacyFacts: LegacyFact[] = [
  {
    audit: '§1 "Table EXISTS in production" (schema_migrations) and "Tables in PRODUCTION but NOT in schema.ts: All production tables are defined in schema.ts": the production tables',
    sql: "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
    expected: ['canonical_stage_mappings', 'flow_metrics_config', 'pipedrive_deal_flow_data', 'pipedrive_metric_data', 'pipedrive_submissions', 'requests', 'schema_migrations', 'site_visits'].map((tablename) => ({ tablename })),
  },
  {
    audit: '§1 "__drizzle_migrations: Table DOES NOT EXIST in production"',
    sql: "SELECT count(*)::int AS n FROM pg_class WHERE relname = '__drizzle_migrations'",
    expected: [{ n: 0 }],
  },
  {
    audit: '§2 "mock_requests - doesn\'t exist in prod (expected, was dropped)"; "flow_metrics … doesn\'t exist in prod"; "kv_cache … doesn\'t exist in prod"',
    sql: "SELECT count(*)::int AS n FROM pg_class WHERE relname IN ('mock_requests', 'flow_metrics', 'kv_cache')",
    expected: [{ n: 0 }],
  },
  {
    audit: '§2 pipedrive_metric_data "Production columns": id bigint (NOT NULL), title text (NOT NULL), pipeline_id bigint (NOT NULL), stage_id bigint (NOT NULL), status text (NOT NULL), first_fetched_at timestamptz (DEFAULT now()), last_fetched_at timestamptz (DEFAULT now())',
    sql: columnsOf('pipedrive_metric_data'),
    expected: [
      { name: 'id', type: 'bigint', not_null: true, default: null },
      { name: 'title', type: 'text', not_null: true, default: null },
      { name: 'pipeline_id', type: 'bigint', not_null: true, default: null },
      { name: 'stage_id', type: 'bigint', not_null: true, default: null },
      { name: 'status', type: 'text', not_null: true, default: null },
      { name: 'first_fetched_at', type: 'timestamp with time zone', not_null: false, default: 'now()' },
      { name: 'last_fetched_at', type: 'timestamp with time zone', not_null: false, default: 'now()' },
    ],
  },
  {
    audit: '§2 pipedrive_deal_flow_data "Production has: pipeline_id (bigint, NOT NULL)"',
    sql: column('pipedrive_deal_flow_data', 'pipeline_id'),
    expected: [{ type: 'bigint', not_null: true, default: null }],
  },
  {
    audit: '§2 pipedrive_deal_flow_data "Production has: pipedrive_event_id (bigint, NOT NULL)"',
    sql: column('pipedrive_deal_flow_data', 'pipedrive_event_id'),
    expected: [{ type: 'bigint', not_null: true, default: null }],
  },
  {
    audit: '§2 pipedrive_deal_flow_data "Production uses: entered_at, left_at, duration_seconds"',
    sql: `SELECT attname FROM pg_attribute WHERE attrelid = 'public.pipedrive_deal_flow_data'::regclass
          AND attname IN ('entered_at', 'left_at', 'duration_seconds') AND NOT attisdropped ORDER BY attname`,
    expected: [{ attname: 'duration_seconds' }, { attname: 'entered_at' }, { attname: 'left_at' }],
  },
  {
    audit: '§2 pipedrive_deal_flow_data "schema.ts uses: timestamp" / "schema.ts has: eventId (text) but production has pipedrive_event_id": no timestamp column in production',
    sql: hasColumn('pipedrive_deal_flow_data', 'timestamp'),
    expected: [{ n: 0 }],
  },
  {
    audit: '§2 pipedrive_deal_flow_data: no event_id column in production (it has pipedrive_event_id)',
    sql: hasColumn('pipedrive_deal_flow_data', 'event_id'),
    expected: [{ n: 0 }],
  },
  {
    audit: '§2 pipedrive_submissions "Production: simulated_deal_id integer (NULLABLE)"',
    sql: column('pipedrive_submissions', 'simulated_deal_id'),
    expected: [{ type: 'integer', not_null: false, default: null }],
  },
  {
    audit: '§2 site_visits "Production: updated_at column exists but has NO default"',
    sql: column('site_visits', 'updated_at'),
    expected: [{ type: 'timestamp with time zone', not_null: false, default: null }],
  },
  {
    audit: '§3 canonical_stage_mappings "Missing: idx_csm_canonical_stage, idx_csm_start_stage, idx_csm_end_stage, idx_csm_start_stage_id, idx_csm_end_stage_id, idx_csm_metric_config_id"',
    sql: indexesNamed(['idx_csm_canonical_stage', 'idx_csm_start_stage', 'idx_csm_end_stage', 'idx_csm_start_stage_id', 'idx_csm_end_stage_id', 'idx_csm_metric_config_id']),
    expected: [],
  },
  {
    audit: '§3 requests "Missing: idx_requests_request_id (has unique constraint instead), idx_requests_created_at, idx_requests_status, idx_requests_mine_group, idx_requests_mine_name, idx_requests_salesperson, idx_requests_line_items_gin, idx_requests_contact_gin"',
    sql: indexesNamed(['idx_requests_request_id', 'idx_requests_created_at', 'idx_requests_status', 'idx_requests_mine_group', 'idx_requests_mine_name', 'idx_requests_salesperson', 'idx_requests_line_items_gin', 'idx_requests_contact_gin']),
    expected: [],
  },
  {
    audit: '§3 site_visits "Missing: idx_site_visits_date, idx_site_visits_salesperson, idx_site_visits_created_at"',
    sql: indexesNamed(['idx_site_visits_date', 'idx_site_visits_salesperson', 'idx_site_visits_created_at']),
    expected: [],
  },
  {
    audit: '§3 pipedrive_submissions "Missing: idx_pipedrive_submissions_request_id, idx_pipedrive_submissions_simulated_deal_id"',
    sql: indexesNamed(['idx_pipedrive_submissions_request_id', 'idx_pipedrive_submissions_simulated_deal_id']),
    expected: [],
  },
  {
    audit: '§3 pipedrive_deal_flow_data "Missing: idx_pipedrive_deal_flow_data_deal_id, idx_pipedrive_deal_flow_data_stage_id, idx_pipedrive_deal_flow_data_timestamp"',
    sql: indexesNamed(['idx_pipedrive_deal_flow_data_deal_id', 'idx_pipedrive_deal_flow_data_stage_id', 'idx_pipedrive_deal_flow_data_timestamp']),
    expected: [],
  },
  {
    audit: '§3 pipedrive_metric_data "All indexes missing": only its primary key',
    sql: "SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND tablename = 'pipedrive_metric_data' ORDER BY indexname",
    expected: [{ indexname: 'pipedrive_metric_data_pkey' }],
  },
  {
    audit: '§3 flow_metrics_config "Missing: idx_fmc_metric_key (has unique constraint instead), idx_fmc_sort_order, idx_fmc_is_active"',
    sql: indexesNamed(['idx_fmc_metric_key', 'idx_fmc_sort_order', 'idx_fmc_is_active']),
    expected: [],
  },
  {
    audit: '§3 "idx_requests_request_id (has unique constraint instead)": requests.request_id is unique by a constraint',
    sql: `SELECT conname, pg_get_constraintdef(oid) AS definition FROM pg_constraint
          WHERE conrelid = 'public.requests'::regclass AND contype = 'u' ORDER BY conname`,
    expected: [{ conname: 'requests_request_id_key', definition: 'UNIQUE (request_id)' }],
  },
  {
    audit: '§3 "idx_fmc_metric_key (has unique constraint instead)": flow_metrics_config.metric_key is unique by a constraint',
    sql: `SELECT conname, pg_get_constraintdef(oid) AS definition FROM pg_constraint
          WHERE conrelid = 'public.flow_metrics_config'::regclass AND contype = 'u' ORDER BY conname`,
    expected: [{ conname: 'flow_metrics_config_metric_key_key', definition: 'UNIQUE (metric_key)' }],
  },
  {
    audit: '§3 columns the missing indexes would cover exist in production (sort_order, is_active, mine_group, mine_name, salesperson, line_items, contact, canonical_stage, start/end stage ids)',
    sql: `SELECT c.relname || '.' || a.attname AS col FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
          WHERE c.relnamespace = 'public'::regnamespace AND NOT a.attisdropped AND (c.relname, a.attname) IN (
            ('flow_metrics_config', 'sort_order'), ('flow_metrics_config', 'is_active'), ('requests', 'mine_group'),
            ('requests', 'mine_name'), ('requests', 'salesperson'), ('requests', 'line_items'), ('requests', 'contact'),
            ('requests', 'created_at'), ('site_visits', 'salesperson'), ('site_visits', 'created_at'),
            ('canonical_stage_mappings', 'canonical_stage'), ('canonical_stage_mappings', 'start_stage_id'),
            ('canonical_stage_mappings', 'end_stage_id'), ('canonical_stage_mappings', 'metric_config_id'),
            ('pipedrive_submissions', 'request_id'), ('pipedrive_deal_flow_data', 'deal_id'), ('pipedrive_deal_flow_data', 'stage_id'))
          ORDER BY 1`,
    expected: [
      'canonical_stage_mappings.canonical_stage', 'canonical_stage_mappings.end_stage_id', 'canonical_stage_mappings.metric_config_id', 'canonical_stage_mappings.start_stage_id',
      'flow_metrics_config.is_active', 'flow_metrics_config.sort_order', 'pipedrive_deal_flow_data.deal_id', 'pipedrive_deal_flow_data.stage_id', 'pipedrive_submissions.request_id',
      'requests.contact', 'requests.created_at', 'requests.line_items', 'requests.mine_group', 'requests.mine_name', 'requests.salesperson', 'site_visits.created_at', 'site_visits.salesperson',
    ].map((col) => ({ col })),
  },
  {
    audit: '§4 "Business logic constraints exist": requests_salesperson_selection_check, check_salesperson_valid, check_purpose_valid, check_availability_valid (site_visits)',
    sql: `SELECT conrelid::regclass::text AS "table", conname FROM pg_constraint
          WHERE contype = 'c' AND connamespace = 'public'::regnamespace ORDER BY 1, 2`,
    expected: [
      { table: 'requests', conname: 'requests_salesperson_selection_check' },
      { table: 'site_visits', conname: 'check_availability_valid' },
      { table: 'site_visits', conname: 'check_purpose_valid' },
      { table: 'site_visits', conname: 'check_salesperson_valid' },
    ],
  },
  {
    audit: '§4 "Only ONE FK in production: canonical_stage_mappings.metric_config_id → flow_metrics_config.id"',
    sql: `SELECT conrelid::regclass::text AS "table", conname, pg_get_constraintdef(oid) AS definition FROM pg_constraint
          WHERE contype = 'f' ORDER BY 1, 2`,
    expected: [
      { table: 'canonical_stage_mappings', conname: 'canonical_stage_mappings_metric_config_id_fkey', definition: 'FOREIGN KEY (metric_config_id) REFERENCES flow_metrics_config(id) ON DELETE CASCADE' },
    ],
  },
  {
    audit: '§5 "Production has: request_status enum with values: draft, submitted, approved, rejected"',
    sql: "SELECT enumlabel FROM pg_enum WHERE enumtypid = 'public.request_status'::regtype ORDER BY enumsortorder",
    expected: ['draft', 'submitted', 'approved', 'rejected'].map((enumlabel) => ({ enumlabel })),
  },
  {
    audit: '§5 the enum is the only user type: no "failed" anywhere',
    sql: "SELECT t.typname FROM pg_type t WHERE t.typnamespace = 'public'::regnamespace AND t.typtype = 'e' ORDER BY 1",
    expected: [{ typname: 'request_status' }],
  },
  {
    audit: '§6 "Production has 6 custom functions": generate_mock_request_id(), generate_prod_request_id(), generate_request_id(), set_updated_at(), update_canonical_stage_mappings_updated_at(), validate_contact_jsonb()',
    sql: `SELECT p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' AS fn, l.lanname AS language
          FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang WHERE p.pronamespace = 'public'::regnamespace ORDER BY 1`,
    expected: [
      { fn: 'generate_mock_request_id()', language: 'plpgsql' },
      { fn: 'generate_prod_request_id()', language: 'plpgsql' },
      { fn: 'generate_request_id()', language: 'plpgsql' },
      { fn: 'set_updated_at()', language: 'plpgsql' },
      { fn: 'update_canonical_stage_mappings_updated_at()', language: 'plpgsql' },
      { fn: 'validate_contact_jsonb(contact jsonb)', language: 'plpgsql' },
    ],
  },
  {
    audit: '§6 "set_updated_at() - Trigger function"; "update_canonical_stage_mappings_updated_at() - Trigger function"',
    sql: `SELECT tgrelid::regclass::text AS "table", tgname, tgfoid::regproc::text AS fn FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1, 2`,
    expected: [
      { table: 'canonical_stage_mappings', tgname: 'canonical_stage_mappings_updated_at', fn: 'update_canonical_stage_mappings_updated_at' },
      { table: 'flow_metrics_config', tgname: 'flow_metrics_config_set_updated_at', fn: 'set_updated_at' },
      { table: 'requests', tgname: 'requests_set_updated_at', fn: 'set_updated_at' },
      { table: 'site_visits', tgname: 'site_visits_set_updated_at', fn: 'set_updated_at' },
    ],
  },
  {
    audit: '§6 "generate_mock_request_id() - Uses mock_request_id_seq"; "generate_prod_request_id() - Uses prod_request_id_seq"',
    sql: `SELECT proname, (prosrc LIKE '%nextval(''mock_request_id_seq'')%') AS mock, (prosrc LIKE '%nextval(''prod_request_id_seq'')%') AS prod
          FROM pg_proc WHERE proname IN ('generate_mock_request_id', 'generate_prod_request_id') ORDER BY 1`,
    expected: [
      { proname: 'generate_mock_request_id', mock: true, prod: false },
      { proname: 'generate_prod_request_id', mock: false, prod: true },
    ],
  },
  {
    audit: '§6 "Functions reference sequences … but Query 11 showed no sequences exist"; summary "All IDs are UUID-based (no sequences needed)"',
    sql: "SELECT count(*)::int AS n FROM pg_class WHERE relkind = 'S'",
    expected: [{ n: 0 }],
  },
  {
    audit: 'Summary "All IDs are UUID-based": every id is a uuid from gen_random_uuid(), except pipedrive_metric_data.id (§2: "id bigint")',
    sql: `SELECT c.relname AS "table", format_type(a.atttypid, a.atttypmod) AS type, pg_get_expr(d.adbin, d.adrelid) AS "default"
          FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
          WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND a.attname = 'id' ORDER BY 1`,
    expected: [
      { table: 'canonical_stage_mappings', type: 'uuid', default: 'gen_random_uuid()' },
      { table: 'flow_metrics_config', type: 'uuid', default: 'gen_random_uuid()' },
      { table: 'pipedrive_deal_flow_data', type: 'uuid', default: 'gen_random_uuid()' },
      { table: 'pipedrive_metric_data', type: 'bigint', default: null },
      { table: 'pipedrive_submissions', type: 'uuid', default: 'gen_random_uuid()' },
      { table: 'requests', type: 'uuid', default: 'gen_random_uuid()' },
      { table: 'site_visits', type: 'uuid', default: 'gen_random_uuid()' },
    ],
  },
  {
    audit: '§4 "schema.ts doesn\'t define this FK explicitly": pipedrive_submissions.request_id has no foreign key',
    sql: "SELECT count(*)::int AS n FROM pg_constraint WHERE conrelid = 'public.pipedrive_submissions'::regclass AND contype = 'f'",
    expected: [{ n: 0 }],
  },
  {
    audit: '§1 "Last migration: flow_metrics_thresholds_and_comments" — what 018 did is in the schema (thresholds, comments)',
    sql: `SELECT obj_description('public.flow_metrics_config'::regclass, 'pg_class') IS NOT NULL AS commented,
                 (SELECT count(*)::int FROM pg_attribute WHERE attrelid = 'public.flow_metrics_config'::regclass AND attname LIKE '%threshold%') AS thresholds`,
    expected: [{ commented: true, thresholds: 2 }],
  },
  {
    audit: '§3 "Production is missing many indexes": the only indexes are primary keys and the two unique constraints',
    sql: `SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND tablename <> 'schema_migrations'
          AND indexname NOT LIKE '%\\_pkey' ORDER BY 1`,
    expected: [{ indexname: 'flow_metrics_config_metric_key_key' }, { indexname: 'requests_request_id_key' }],
  },
];
