-- Per task, the lines up to a sequence number; later lines (a retry's) stay. @task_ids and @up_to are
-- arrays of the same length, paired by position.
DELETE FROM task_logs l
USING unnest(@task_ids::bigint[], @up_to::bigint[]) AS c(task_id, up_to)
WHERE l.task_id = c.task_id AND l.id <= c.up_to;
