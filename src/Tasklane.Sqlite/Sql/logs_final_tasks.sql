-- Tasks in a final state that still keep log lines here (the file log storage moves them out).
SELECT t.id
FROM tasks t
WHERE t.id IN (SELECT DISTINCT task_id FROM task_logs)
  AND t.status IN ('completed', 'failed', 'cancelled')
ORDER BY t.id
LIMIT @limit;
