-- The live task, locked until the transition's transaction ends.
SELECT * FROM tasks WHERE id = @id AND deleted_at IS NULL FOR NO KEY UPDATE;
