SELECT task_id, depends_on_id FROM task_dependencies WHERE task_id IN (SELECT value FROM json_each(@ids)) ORDER BY task_id, depends_on_id;
