AND created_by_id = @visible_to
