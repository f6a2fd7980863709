-- Bulk cancel of @ids, pending tasks: they end cancelled, as task_cancel_pending. A task with pending or running
-- subtasks is skipped: cascading to its steps is the single cancel's work.
UPDATE tasks
SET status = 'cancelled', ended_at = @now, updated_at = @now
WHERE id = ANY (@ids::bigint[])
  AND status = 'pending'
  AND deleted_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM tasks c WHERE c.parent_id = tasks.id AND c.status IN ('pending', 'running') AND c.deleted_at IS NULL)
RETURNING id;
