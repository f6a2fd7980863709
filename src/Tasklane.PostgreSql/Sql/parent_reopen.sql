-- A retried subtask reopens its failed or cancelled parent, which waits for its subtasks again.
UPDATE tasks
SET status = 'running', awaiting_subtasks = true, ended_at = NULL, error = NULL, stack_trace = NULL, updated_at = @now
WHERE id = @id AND status IN ('failed', 'cancelled');
