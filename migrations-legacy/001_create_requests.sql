-- 001: quote requests from mines, the app's first table.
-- The audit is silent on the first shape of requests; a real app of this kind starts with the
-- request, its status and where it comes from, and grows the rest later (006, 007, 009).
-- Ids are uuid from gen_random_uuid() (core since PostgreSQL 13): the audit says all ids are
-- uuid and production has no sequences.

CREATE TYPE request_status AS ENUM ('draft', 'submitted');

CREATE TABLE requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  request_id text,
  status request_status NOT NULL DEFAULT 'draft',
  mine_group text,
  mine_name text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
