UPDATE tasks
SET run_at = @now, updated_at = @now
WHERE id = @id AND status = 'pending' AND run_at > @now;
