-- The last sequence number the task's archived chunks hold (0 when none).
SELECT coalesce(max(last_seq), 0) FROM task_log_archives WHERE task_id = @task_id;
