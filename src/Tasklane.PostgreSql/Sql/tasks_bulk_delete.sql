-- Bulk soft delete of @ids, as task_delete: top-level tasks that are not running (a subtask goes with its parent).
UPDATE tasks
SET deleted_at = @now, updated_at = @now
WHERE id = ANY (@ids::bigint[])
  AND status <> 'running'
  AND parent_id IS NULL
  AND deleted_at IS NULL
RETURNING id;
