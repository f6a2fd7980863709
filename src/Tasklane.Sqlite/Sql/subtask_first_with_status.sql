SELECT name, error FROM tasks WHERE parent_id = @id AND deleted_at IS NULL AND status = @status ORDER BY id LIMIT 1;
