-- schema-parity sanitized schema dump (pg_dump --schema-only): no owners, privileges, provider schemas or data.
-- Written by `parity dump`; do not edit by hand.
-- Dumped from database version 15

SET statement_timeout = 0;
SET lock_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: public; Type: SCHEMA; Schema: -
--

-- *not* creating schema, since initdb creates it


--
-- Name: request_status; Type: TYPE; Schema: public
--

CREATE TYPE public.request_status AS ENUM (
    'draft',
    'submitted',
    'approved',
    'rejected'
);


--
-- Name: generate_mock_request_id(); Type: FUNCTION; Schema: public
--

CREATE FUNCTION public.generate_mock_request_id() RETURNS text
    LANGUAGE plpgsql
    AS $$
BEGIN
  RETURN 'MOCK-' || lpad(nextval('mock_request_id_seq')::text, 6, '0');
END;
$$;


--
-- Name: generate_prod_request_id(); Type: FUNCTION; Schema: public
--

CREATE FUNCTION public.generate_prod_request_id() RETURNS text
    LANGUAGE plpgsql
    AS $$
BEGIN
  RETURN 'REQ-' || lpad(nextval('prod_request_id_seq')::text, 6, '0');
END;
$$;


--
-- Name: generate_request_id(); Type: FUNCTION; Schema: public
--

CREATE FUNCTION public.generate_request_id() RETURNS text
    LANGUAGE plpgsql
    AS $$
DECLARE
  prefix text := 'REQ-' || to_char(now(), 'YYYY') || '-';
  next_number integer;
BEGIN
  SELECT coalesce(max(substring(request_id FROM length(prefix) + 1)::integer), 0) + 1
    INTO next_number
    FROM requests
   WHERE request_id LIKE prefix || '%';
  RETURN prefix || lpad(next_number::text, 5, '0');
END;
$$;


--
-- Name: set_updated_at(); Type: FUNCTION; Schema: public
--

CREATE FUNCTION public.set_updated_at() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END;
$$;


--
-- Name: update_canonical_stage_mappings_updated_at(); Type: FUNCTION; Schema: public
--

CREATE FUNCTION public.update_canonical_stage_mappings_updated_at() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END;
$$;


--
-- Name: validate_contact_jsonb(jsonb); Type: FUNCTION; Schema: public
--

CREATE FUNCTION public.validate_contact_jsonb(contact jsonb) RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE
    AS $$
BEGIN
  IF contact IS NULL THEN
    RETURN true;
  END IF;
  IF jsonb_typeof(contact) <> 'object' THEN
    RETURN false;
  END IF;
  RETURN coalesce(length(btrim(contact ->> 'name')), 0) > 0
     AND (contact ? 'email' OR contact ? 'phone');
END;
$$;


--
-- Name: canonical_stage_mappings; Type: TABLE; Schema: public
--

CREATE TABLE public.canonical_stage_mappings (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    metric_config_id uuid NOT NULL,
    canonical_stage text NOT NULL,
    start_stage text,
    end_stage text,
    start_stage_id bigint,
    end_stage_id bigint,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: TABLE canonical_stage_mappings; Type: COMMENT; Schema: public
--

COMMENT ON TABLE public.canonical_stage_mappings IS 'Pipedrive stages that start and end each flow metric.';


--
-- Name: flow_metrics_config; Type: TABLE; Schema: public
--

CREATE TABLE public.flow_metrics_config (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    metric_key text NOT NULL,
    display_title text NOT NULL,
    description text,
    sort_order integer DEFAULT 0 NOT NULL,
    is_active boolean DEFAULT true NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    green_threshold_days numeric(6,1),
    amber_threshold_days numeric(6,1)
);


--
-- Name: TABLE flow_metrics_config; Type: COMMENT; Schema: public
--

COMMENT ON TABLE public.flow_metrics_config IS 'Flow metrics shown on the dashboard, in sort_order.';


--
-- Name: COLUMN flow_metrics_config.metric_key; Type: COMMENT; Schema: public
--

COMMENT ON COLUMN public.flow_metrics_config.metric_key IS 'Stable key used by the app, e.g. lead_to_quote.';


--
-- Name: COLUMN flow_metrics_config.green_threshold_days; Type: COMMENT; Schema: public
--

COMMENT ON COLUMN public.flow_metrics_config.green_threshold_days IS 'At or below: on track.';


--
-- Name: COLUMN flow_metrics_config.amber_threshold_days; Type: COMMENT; Schema: public
--

COMMENT ON COLUMN public.flow_metrics_config.amber_threshold_days IS 'At or below: at risk; above: late.';


--
-- Name: pipedrive_deal_flow_data; Type: TABLE; Schema: public
--

CREATE TABLE public.pipedrive_deal_flow_data (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    deal_id bigint NOT NULL,
    stage_id bigint NOT NULL,
    entered_at timestamp with time zone NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    left_at timestamp with time zone,
    duration_seconds integer,
    pipeline_id bigint NOT NULL,
    pipedrive_event_id bigint NOT NULL
);


--
-- Name: pipedrive_metric_data; Type: TABLE; Schema: public
--

CREATE TABLE public.pipedrive_metric_data (
    id bigint NOT NULL,
    title text NOT NULL,
    pipeline_id bigint NOT NULL,
    stage_id bigint NOT NULL,
    status text NOT NULL,
    first_fetched_at timestamp with time zone DEFAULT now(),
    last_fetched_at timestamp with time zone DEFAULT now()
);


--
-- Name: pipedrive_submissions; Type: TABLE; Schema: public
--

CREATE TABLE public.pipedrive_submissions (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    request_id uuid NOT NULL,
    simulated_deal_id integer,
    pipedrive_deal_id bigint,
    payload jsonb NOT NULL,
    response jsonb,
    status text DEFAULT 'pending'::text NOT NULL,
    error_message text,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: requests; Type: TABLE; Schema: public
--

CREATE TABLE public.requests (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    request_id text DEFAULT public.generate_request_id(),
    status public.request_status DEFAULT 'draft'::public.request_status NOT NULL,
    mine_group text,
    mine_name text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    line_items jsonb DEFAULT '[]'::jsonb NOT NULL,
    contact jsonb,
    salesperson text,
    CONSTRAINT requests_salesperson_selection_check CHECK (((status = 'draft'::public.request_status) OR ((salesperson IS NOT NULL) AND (length(btrim(salesperson)) > 0))))
);


--
-- Name: schema_migrations; Type: TABLE; Schema: public
--

CREATE TABLE public.schema_migrations (
    version bigint NOT NULL,
    name text NOT NULL,
    applied_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: site_visits; Type: TABLE; Schema: public
--

CREATE TABLE public.site_visits (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    visit_date date NOT NULL,
    salesperson text NOT NULL,
    mine_group text,
    mine_name text,
    purpose text NOT NULL,
    availability text DEFAULT 'confirmed'::text NOT NULL,
    notes text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone,
    CONSTRAINT check_availability_valid CHECK ((availability = ANY (ARRAY['confirmed'::text, 'tentative'::text, 'cancelled'::text]))),
    CONSTRAINT check_purpose_valid CHECK ((purpose = ANY (ARRAY['introduction'::text, 'demo'::text, 'quote_follow_up'::text, 'support'::text, 'other'::text]))),
    CONSTRAINT check_salesperson_valid CHECK ((length(btrim(salesperson)) > 0))
);


--
-- Name: canonical_stage_mappings canonical_stage_mappings_pkey; Type: CONSTRAINT; Schema: public
--

ALTER TABLE ONLY public.canonical_stage_mappings
    ADD CONSTRAINT canonical_stage_mappings_pkey PRIMARY KEY (id);


--
-- Name: flow_metrics_config flow_metrics_config_metric_key_key; Type: CONSTRAINT; Schema: public
--

ALTER TABLE ONLY public.flow_metrics_config
    ADD CONSTRAINT flow_metrics_config_metric_key_key UNIQUE (metric_key);


--
-- Name: flow_metrics_config flow_metrics_config_pkey; Type: CONSTRAINT; Schema: public
--

ALTER TABLE ONLY public.flow_metrics_config
    ADD CONSTRAINT flow_metrics_config_pkey PRIMARY KEY (id);


--
-- Name: pipedrive_deal_flow_data pipedrive_deal_flow_data_pkey; Type: CONSTRAINT; Schema: public
--

ALTER TABLE ONLY public.pipedrive_deal_flow_data
    ADD CONSTRAINT pipedrive_deal_flow_data_pkey PRIMARY KEY (id);


--
-- Name: pipedrive_metric_data pipedrive_metric_data_pkey; Type: CONSTRAINT; Schema: public
--

ALTER TABLE ONLY public.pipedrive_metric_data
    ADD CONSTRAINT pipedrive_metric_data_pkey PRIMARY KEY (id);


--
-- Name: pipedrive_submissions pipedrive_submissions_pkey; Type: CONSTRAINT; Schema: public
--

ALTER TABLE ONLY public.pipedrive_submissions
    ADD CONSTRAINT pipedrive_submissions_pkey PRIMARY KEY (id);


--
-- Name: requests requests_pkey; Type: CONSTRAINT; Schema: public
--

ALTER TABLE ONLY public.requests
    ADD CONSTRAINT requests_pkey PRIMARY KEY (id);


--
-- Name: requests requests_request_id_key; Type: CONSTRAINT; Schema: public
--

ALTER TABLE ONLY public.requests
    ADD CONSTRAINT requests_request_id_key UNIQUE (request_id);


--
-- Name: schema_migrations schema_migrations_pkey; Type: CONSTRAINT; Schema: public
--

ALTER TABLE ONLY public.schema_migrations
    ADD CONSTRAINT schema_migrations_pkey PRIMARY KEY (version);


--
-- Name: site_visits site_visits_pkey; Type: CONSTRAINT; Schema: public
--

ALTER TABLE ONLY public.site_visits
    ADD CONSTRAINT site_visits_pkey PRIMARY KEY (id);


--
-- Name: canonical_stage_mappings canonical_stage_mappings_updated_at; Type: TRIGGER; Schema: public
--

CREATE TRIGGER canonical_stage_mappings_updated_at BEFORE UPDATE ON public.canonical_stage_mappings FOR EACH ROW EXECUTE FUNCTION public.update_canonical_stage_mappings_updated_at();


--
-- Name: flow_metrics_config flow_metrics_config_set_updated_at; Type: TRIGGER; Schema: public
--

CREATE TRIGGER flow_metrics_config_set_updated_at BEFORE UPDATE ON public.flow_metrics_config FOR EACH ROW EXECUTE FUNCTION public.set_updated_at();


--
-- Name: requests requests_set_updated_at; Type: TRIGGER; Schema: public
--

CREATE TRIGGER requests_set_updated_at BEFORE UPDATE ON public.requests FOR EACH ROW EXECUTE FUNCTION public.set_updated_at();


--
-- Name: site_visits site_visits_set_updated_at; Type: TRIGGER; Schema: public
--

CREATE TRIGGER site_visits_set_updated_at BEFORE UPDATE ON public.site_visits FOR EACH ROW EXECUTE FUNCTION public.set_updated_at();


--
-- Name: canonical_stage_mappings canonical_stage_mappings_metric_config_id_fkey; Type: FK CONSTRAINT; Schema: public
--

ALTER TABLE ONLY public.canonical_stage_mappings
    ADD CONSTRAINT canonical_stage_mappings_metric_config_id_fkey FOREIGN KEY (metric_config_id) REFERENCES public.flow_metrics_config(id) ON DELETE CASCADE;


--
-- PostgreSQL database dump complete
--
