SELECT * FROM tasks WHERE parent_id = @parent_id AND name = @name::text AND deleted_at IS NULL;
