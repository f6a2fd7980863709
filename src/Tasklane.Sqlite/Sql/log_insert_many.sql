-- The same log line for each task of a JSON array of ids, with each task's snapshot.
INSERT INTO task_logs (task_id, at, level, message, status, progress, processed, total, eta_seconds)
SELECT id, @at, @level, @message, status, progress, processed, total, eta_seconds
FROM tasks
WHERE id IN (SELECT value FROM json_each(@ids))
ORDER BY id;
