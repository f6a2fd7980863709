SELECT id, task_id, at, level, message, status, progress, processed, total, eta_seconds
FROM task_logs
WHERE task_id = @task_id AND id > @after
ORDER BY id
LIMIT @limit;
