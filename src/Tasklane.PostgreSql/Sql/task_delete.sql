UPDATE tasks
SET deleted_at = @now, updated_at = @now
WHERE id = @id AND status <> 'running' AND deleted_at IS NULL;
