-- preset:supabase — what a Supabase project's database has before its first migration runs:
-- the host's roles, schemas, extensions, the auth.* helpers policies call, auth.users with the
-- columns apps reference, and storage's buckets/objects. A stand-in, not Supabase itself: enough
-- for migrations and Drizzle schemas that reference the host to build. Everything here belongs
-- to the host and is left out of both snapshots.

-- Roles are cluster-wide: made once per server, by whichever build comes first.
DO $preset$
DECLARE r text;
BEGIN
  FOREACH r IN ARRAY ARRAY['anon', 'authenticated', 'service_role', 'authenticator', 'supabase_admin', 'supabase_auth_admin', 'supabase_storage_admin', 'dashboard_user', 'supabase_realtime_admin']
  LOOP
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = r) THEN
      BEGIN
        EXECUTE pg_catalog.format('CREATE ROLE %I NOLOGIN', r);
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- another build made it meanwhile
      END;
    END IF;
  END LOOP;
END
$preset$;

CREATE SCHEMA IF NOT EXISTS extensions;
CREATE SCHEMA IF NOT EXISTS auth;
CREATE SCHEMA IF NOT EXISTS storage;
CREATE SCHEMA IF NOT EXISTS realtime;
CREATE SCHEMA IF NOT EXISTS graphql_public;

CREATE SCHEMA IF NOT EXISTS graphql;
CREATE SCHEMA IF NOT EXISTS vault;

-- The extensions every Supabase project has before its first migration (supabase/postgres
-- migrations/schema.sql). `supabase db pull`/`db dump` write them into the first migration as
-- `CREATE EXTENSION IF NOT EXISTS "pg_graphql" WITH SCHEMA "graphql"` …, a no-op on Supabase.
CREATE EXTENSION IF NOT EXISTS "uuid-ossp" WITH SCHEMA extensions;
CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA extensions;
CREATE EXTENSION IF NOT EXISTS pg_stat_statements WITH SCHEMA extensions;
-- pg_graphql, pgjwt and supabase_vault are not contrib: created when the server has them (a
-- supabase/postgres image). Where it has not, a migration's CREATE EXTENSION of one, or a call
-- into one (vault.create_secret), fails, naming it: the build needs a server that has it. None is
-- faked: a stand-in of an extension's objects would be host objects here, and production's are
-- the extension's, so the two would never compare alike.
DO $preset$
DECLARE e text[];
BEGIN
  FOREACH e SLICE 1 IN ARRAY ARRAY[['pg_graphql', 'graphql'], ['pgjwt', 'extensions'], ['supabase_vault', 'vault']]
  LOOP
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_extension WHERE extname = e[1]) AND EXISTS (SELECT FROM pg_catalog.pg_available_extensions WHERE name = e[1]) THEN
      EXECUTE pg_catalog.format('CREATE EXTENSION %I WITH SCHEMA %I CASCADE', e[1], e[2]);
    END IF;
  END LOOP;
END
$preset$;

CREATE OR REPLACE FUNCTION auth.uid() RETURNS uuid LANGUAGE sql STABLE AS $$
  SELECT coalesce(nullif(current_setting('request.jwt.claim.sub', true), ''), (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub'))::uuid
$$;
CREATE OR REPLACE FUNCTION auth.role() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT coalesce(nullif(current_setting('request.jwt.claim.role', true), ''), (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role'))::text
$$;
CREATE OR REPLACE FUNCTION auth.email() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT coalesce(nullif(current_setting('request.jwt.claim.email', true), ''), (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email'))::text
$$;
CREATE OR REPLACE FUNCTION auth.jwt() RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT coalesce(nullif(current_setting('request.jwt.claim', true), ''), nullif(current_setting('request.jwt.claims', true), ''))::jsonb
$$;

CREATE TABLE IF NOT EXISTS auth.users (
  instance_id uuid,
  id uuid NOT NULL PRIMARY KEY,
  aud varchar(255),
  role varchar(255),
  email varchar(255),
  encrypted_password varchar(255),
  email_confirmed_at timestamptz,
  invited_at timestamptz,
  confirmation_token varchar(255),
  confirmation_sent_at timestamptz,
  recovery_token varchar(255),
  recovery_sent_at timestamptz,
  email_change_token_new varchar(255),
  email_change varchar(255),
  email_change_sent_at timestamptz,
  last_sign_in_at timestamptz,
  raw_app_meta_data jsonb,
  raw_user_meta_data jsonb,
  is_super_admin boolean,
  created_at timestamptz,
  updated_at timestamptz,
  phone text UNIQUE DEFAULT NULL,
  phone_confirmed_at timestamptz,
  phone_change text DEFAULT '',
  phone_change_token varchar(255) DEFAULT '',
  phone_change_sent_at timestamptz,
  confirmed_at timestamptz GENERATED ALWAYS AS (LEAST(email_confirmed_at, phone_confirmed_at)) STORED,
  email_change_token_current varchar(255) DEFAULT '',
  email_change_confirm_status smallint DEFAULT 0 CHECK (email_change_confirm_status >= 0 AND email_change_confirm_status <= 2),
  banned_until timestamptz,
  reauthentication_token varchar(255) DEFAULT '',
  reauthentication_sent_at timestamptz,
  is_sso_user boolean NOT NULL DEFAULT false,
  deleted_at timestamptz,
  is_anonymous boolean NOT NULL DEFAULT false
);

-- The services' own migration ledgers (gotrue's, storage-api's): `supabase db diff` writes
-- `revoke select on table "auth"."schema_migrations" from "postgres"` into migrations.
CREATE TABLE IF NOT EXISTS auth.schema_migrations (
  version varchar(255) NOT NULL CONSTRAINT schema_migrations_pkey PRIMARY KEY
);
CREATE TABLE IF NOT EXISTS storage.migrations (
  id integer NOT NULL CONSTRAINT migrations_pkey PRIMARY KEY,
  name varchar(100) NOT NULL CONSTRAINT migrations_name_key UNIQUE,
  hash varchar(40) NOT NULL,
  executed_at timestamp DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE IF NOT EXISTS storage.buckets (
  id text NOT NULL PRIMARY KEY,
  name text NOT NULL UNIQUE,
  owner uuid,
  created_at timestamptz DEFAULT now(),
  updated_at timestamptz DEFAULT now(),
  public boolean DEFAULT false,
  file_size_limit bigint,
  allowed_mime_types text[]
);
CREATE TABLE IF NOT EXISTS storage.objects (
  id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
  bucket_id text REFERENCES storage.buckets (id),
  name text,
  owner uuid,
  created_at timestamptz DEFAULT now(),
  updated_at timestamptz DEFAULT now(),
  last_accessed_at timestamptz DEFAULT now(),
  metadata jsonb,
  path_tokens text[] GENERATED ALWAYS AS (string_to_array(name, '/')) STORED,
  version text,
  owner_id text,
  user_metadata jsonb
);

-- Realtime's publication, empty until the project adds its tables
-- (`ALTER PUBLICATION supabase_realtime ADD TABLE …`); supabase/postgres init-scripts.
DO $preset$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_publication WHERE pubname = 'supabase_realtime') THEN
    CREATE PUBLICATION supabase_realtime;
  END IF;
END
$preset$;

GRANT USAGE ON SCHEMA auth, storage, extensions, graphql_public TO anon, authenticated, service_role;
GRANT EXECUTE ON FUNCTION auth.uid(), auth.role(), auth.email(), auth.jwt() TO anon, authenticated, service_role;
