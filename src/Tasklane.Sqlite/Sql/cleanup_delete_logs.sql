DELETE FROM task_logs WHERE task_id IN (SELECT value FROM json_each(@ids));
