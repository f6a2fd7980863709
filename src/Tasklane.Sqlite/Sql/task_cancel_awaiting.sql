UPDATE tasks
SET status = 'cancelled', awaiting_subtasks = 0, ended_at = @now, updated_at = @now
WHERE id = @id AND status = 'running' AND awaiting_subtasks = 1;
