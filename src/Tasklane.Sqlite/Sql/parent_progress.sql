-- A parent's progress is the share of its completed subtasks, whatever its own status (a completed parent stays at 100).
UPDATE tasks SET progress = @progress, updated_at = @now WHERE id = @id AND status <> 'completed';
