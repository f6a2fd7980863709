-- Per task, the lines up to a sequence number; later lines (a retry's) stay. @task_ids and @up_to are
-- JSON arrays of the same length, paired by position; each pair is a range scan of (task_id, id).
DELETE FROM task_logs WHERE id IN (
  SELECT l.id
  FROM json_each(@task_ids) t
  JOIN json_each(@up_to) u ON u.key = t.key
  JOIN task_logs l ON l.task_id = t.value AND l.id <= u.value);
