SELECT * FROM tasks WHERE parent_id = @parent_id AND name = @name AND deleted_at IS NULL;
