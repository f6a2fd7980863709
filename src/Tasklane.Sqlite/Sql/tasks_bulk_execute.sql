-- Bulk "run now" of @ids (a JSON array), as task_execute_now: pending tasks due later become due now.
UPDATE tasks
SET run_at = @now, updated_at = @now
WHERE id IN (SELECT value FROM json_each(@ids))
  AND status = 'pending'
  AND run_at > @now
  AND deleted_at IS NULL
RETURNING id;
