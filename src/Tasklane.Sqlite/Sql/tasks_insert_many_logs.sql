-- The first log line of each task of a batch: @ids and @messages are JSON arrays of the same length, in order.
INSERT INTO task_logs (task_id, at, level, message, status, progress, processed, total, eta_seconds)
SELECT t.id, t.created_at, 'info', m.value, t.status, t.progress, t.processed, t.total, t.eta_seconds
FROM json_each(@ids) i
JOIN json_each(@messages) m ON m.key = i.key
JOIN tasks t ON t.id = i.value
ORDER BY i.key;
