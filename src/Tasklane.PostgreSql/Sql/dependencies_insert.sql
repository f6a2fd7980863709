-- The dependencies of one new subtask, in one statement.
INSERT INTO task_dependencies (task_id, depends_on_id)
SELECT @task_id, d FROM unnest(@depends_on_ids::bigint[]) AS d
ON CONFLICT DO NOTHING;
