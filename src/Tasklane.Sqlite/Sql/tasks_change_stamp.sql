-- What the console's change feed compares from tick to tick, read through indexes only: the newest task id (new tasks and
-- subtasks), the running tasks' count and latest update (starts, progress, ends, failures) and the latest soft delete.
SELECT (SELECT MAX(id) FROM tasks) AS max_id,
       (SELECT COUNT(*) FROM tasks WHERE status = 'running') AS running,
       (SELECT MAX(updated_at) FROM tasks WHERE status = 'running') AS running_updated_at,
       (SELECT MAX(deleted_at) FROM tasks WHERE deleted_at IS NOT NULL) AS last_deleted_at;
