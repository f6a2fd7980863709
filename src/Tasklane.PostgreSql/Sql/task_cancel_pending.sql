UPDATE tasks
SET status = 'cancelled', ended_at = @now, updated_at = @now
WHERE id = @id AND status = 'pending';
