SELECT task_id, depends_on_id FROM task_dependencies WHERE task_id = ANY (@ids::bigint[]) ORDER BY task_id, depends_on_id;
