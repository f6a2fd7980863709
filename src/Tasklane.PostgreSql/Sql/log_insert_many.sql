-- The same log line for each task of @ids, with each task's snapshot.
INSERT INTO task_logs (task_id, at, level, message, status, progress, processed, total, eta_seconds)
SELECT id, @at, @level::text, @message::text, status, progress, processed, total, eta_seconds
FROM tasks
WHERE id = ANY (@ids::bigint[])
ORDER BY id;
