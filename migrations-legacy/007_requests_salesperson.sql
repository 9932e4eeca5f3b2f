-- 007: a request is assigned to a salesperson before it can leave draft.
-- The audit names requests_salesperson_selection_check; its expression is our choice (audit
-- silent).

ALTER TABLE requests ADD COLUMN salesperson text;

ALTER TABLE requests
  ADD CONSTRAINT requests_salesperson_selection_check
  CHECK (status = 'draft' OR (salesperson IS NOT NULL AND length(btrim(salesperson)) > 0));
