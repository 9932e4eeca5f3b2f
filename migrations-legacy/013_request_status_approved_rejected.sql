-- 013: requests can be approved or rejected after submission.
-- The audit: request_status is draft, submitted, approved, rejected in production (no
-- "failed"). ADD VALUE runs inside the migration's transaction (PostgreSQL 12+); the new values
-- are not used in this file.

ALTER TYPE request_status ADD VALUE 'approved';
ALTER TYPE request_status ADD VALUE 'rejected';
