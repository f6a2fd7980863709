-- One log line; the progress snapshot is the task row as it is now (after the update).
INSERT INTO task_logs (task_id, at, level, message, status, progress, processed, total, eta_seconds)
SELECT id, @at, @level::text, @message::text, status, progress, processed, total, eta_seconds
FROM tasks
WHERE id = @id;
