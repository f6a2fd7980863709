-- Cancelling a parent: its running subtasks are asked to stop.
UPDATE tasks SET cancel_requested = 1, updated_at = @now WHERE parent_id = @id AND status = 'running' AND deleted_at IS NULL;
