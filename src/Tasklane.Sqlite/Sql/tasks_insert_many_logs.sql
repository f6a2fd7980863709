-- The first log line of each task of a batch: @lines is a JSON array of [id, message] rows, in order. One JSON array
-- (not two joined on their keys, which SQLite scans once per row: quadratic in the batch size), each task by its rowid.
INSERT INTO task_logs (task_id, at, level, message, status, progress, processed, total, eta_seconds)
SELECT t.id, t.created_at, 'info', json_extract(l.value, '$[1]'), t.status, t.progress, t.processed, t.total, t.eta_seconds
FROM json_each(@lines) l
JOIN tasks t ON t.id = json_extract(l.value, '$[0]')
ORDER BY l.key;
