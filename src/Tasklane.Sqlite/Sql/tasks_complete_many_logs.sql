-- The log line of each outcome of a batch whose task changed (@changed, a JSON array of ids), in the batch's order,
-- with the progress snapshot of the task as it is now.
INSERT INTO task_logs (task_id, at, level, message, status, progress, processed, total, eta_seconds)
SELECT t.id, json_extract(o.value, '$[4]'), json_extract(o.value, '$[13]'), json_extract(o.value, '$[14]'),
       t.status, t.progress, t.processed, t.total, t.eta_seconds
FROM json_each(@outcomes) o
JOIN tasks t ON t.id = json_extract(o.value, '$[0]')
WHERE t.id IN (SELECT value FROM json_each(@changed))
ORDER BY o.key;
