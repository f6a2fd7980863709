-- The lines of one task up to a sequence number; later lines (a retry's) stay.
DELETE FROM task_logs WHERE task_id = @task_id AND id <= @up_to;
