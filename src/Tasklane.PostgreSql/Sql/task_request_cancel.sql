UPDATE tasks
SET cancel_requested = true, updated_at = @now
WHERE id = @id AND status = 'running';
