-- Bulk cancel of @ids (a JSON array), running tasks: their handlers are asked to stop, as task_request_cancel. Skipped: a
-- parent awaiting its subtasks or with pending or running subtasks (the single cancel cascades), and a task already
-- asked to stop (nothing to change).
UPDATE tasks
SET cancel_requested = 1, updated_at = @now
WHERE id IN (SELECT value FROM json_each(@ids))
  AND status = 'running'
  AND awaiting_subtasks = 0 AND cancel_requested = 0
  AND deleted_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM tasks c WHERE c.parent_id = tasks.id AND c.status IN ('pending', 'running') AND c.deleted_at IS NULL)
RETURNING id;
