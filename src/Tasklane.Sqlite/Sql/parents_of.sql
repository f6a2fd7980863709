SELECT DISTINCT parent_id FROM tasks WHERE id IN (SELECT value FROM json_each(@ids)) AND parent_id IS NOT NULL;
