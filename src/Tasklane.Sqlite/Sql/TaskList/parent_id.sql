AND parent_id = @parent_id
