DELETE FROM task_logs WHERE task_id = ANY (@ids::bigint[]);
