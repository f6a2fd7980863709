-- An awaiting parent ends: completed when every subtask has, failed when one has.
UPDATE tasks
SET status = @status,
    progress = CASE WHEN @status = 'completed' THEN 100 ELSE @progress END,
    error = CASE WHEN @status = 'failed' THEN @error ELSE error END,
    awaiting_subtasks = 0,
    ended_at = @now,
    updated_at = @now
WHERE id = @id AND status = 'running' AND awaiting_subtasks = 1;
