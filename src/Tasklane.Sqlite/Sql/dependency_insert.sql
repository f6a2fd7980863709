INSERT INTO task_dependencies (task_id, depends_on_id) VALUES (@task_id, @depends_on_id) ON CONFLICT DO NOTHING;
