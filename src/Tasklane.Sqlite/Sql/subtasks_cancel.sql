-- Cancelling a parent: its pending subtasks end cancelled (their ids are returned for the log).
UPDATE tasks SET status = 'cancelled', ended_at = @now, updated_at = @now
WHERE parent_id = @id AND status = 'pending' AND deleted_at IS NULL
RETURNING id;
