SELECT status, COUNT(*) FROM tasks WHERE parent_id = @id AND deleted_at IS NULL GROUP BY status;
