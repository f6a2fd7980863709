-- Removes the archived chunks of tasks (@task_ids: a JSON array); the number of lines they held.
DELETE FROM task_log_archives WHERE task_id IN (SELECT value FROM json_each(@task_ids)) RETURNING lines;
