AND (created_at < (SELECT c.created_at FROM tasks c WHERE c.id = @after_id)
     OR (created_at = (SELECT c.created_at FROM tasks c WHERE c.id = @after_id) AND id < @after_id))
