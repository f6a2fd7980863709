-- Removes the archived chunks of tasks; the number of lines they held.
DELETE FROM task_log_archives WHERE task_id = ANY(@task_ids::bigint[]) RETURNING lines;
