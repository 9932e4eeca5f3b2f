-- 015: site_visits.updated_at means "last edited": NULL until the first update, then set by the
-- set_updated_at trigger.
-- The audit: in production site_visits.updated_at exists but has NO default.

ALTER TABLE site_visits ALTER COLUMN updated_at DROP DEFAULT;
