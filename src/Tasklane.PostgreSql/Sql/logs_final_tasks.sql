-- Tasks in a final state that still keep log lines here (the file log storage moves them out), lowest id
-- first: walks the (task_id, id) index of task_logs and stops at the limit.
SELECT DISTINCT l.task_id
FROM task_logs l
JOIN tasks t ON t.id = l.task_id AND t.status IN ('completed', 'failed', 'cancelled')
ORDER BY l.task_id
LIMIT @limit;
