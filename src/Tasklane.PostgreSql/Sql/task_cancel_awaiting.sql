UPDATE tasks
SET status = 'cancelled', awaiting_subtasks = false, ended_at = @now, updated_at = @now
WHERE id = @id AND status = 'running' AND awaiting_subtasks;
