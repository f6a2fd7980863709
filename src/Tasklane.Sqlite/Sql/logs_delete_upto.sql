-- Per task, the lines up to a sequence number; later lines (a retry's) stay. @task_ids and @up_to are
-- JSON arrays of the same length, paired by position.
DELETE FROM task_logs
WHERE task_id IN (SELECT value FROM json_each(@task_ids))
  AND id <= (SELECT u.value
             FROM json_each(@task_ids) t JOIN json_each(@up_to) u ON u.key = t.key
             WHERE t.value = task_logs.task_id);
