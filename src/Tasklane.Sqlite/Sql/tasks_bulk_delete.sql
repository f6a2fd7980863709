-- Bulk soft delete of @ids (a JSON array), as task_delete: top-level tasks that are not running (a subtask goes with its parent).
UPDATE tasks
SET deleted_at = @now, updated_at = @now
WHERE id IN (SELECT value FROM json_each(@ids))
  AND status <> 'running'
  AND parent_id IS NULL
  AND deleted_at IS NULL
RETURNING id;
