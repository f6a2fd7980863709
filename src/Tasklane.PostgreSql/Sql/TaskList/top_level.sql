AND parent_id IS NULL
