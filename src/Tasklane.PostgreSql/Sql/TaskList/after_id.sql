AND id < @after_id
