-- Start the chosen tasks (a JSON array of ids) under a lease, log, and return them in claim order.
UPDATE tasks
SET status = 'running',
    attempt = attempt + 1,
    started_at = @now,
    updated_at = @now,
    ended_at = NULL,
    lease_owner = @node,
    lease_expires_at = @lease_expires_at,
    cancel_requested = 0
WHERE id IN (SELECT value FROM json_each(@ids))
  AND status = 'pending';

INSERT INTO task_logs (task_id, at, level, message, status, progress, processed, total, eta_seconds)
SELECT id, @now, 'info', 'Started attempt ' || attempt || ' on node ' || @node,
       status, progress, processed, total, eta_seconds
FROM tasks
WHERE id IN (SELECT value FROM json_each(@ids))
ORDER BY priority_rank, run_at, id;

SELECT *
FROM tasks
WHERE id IN (SELECT value FROM json_each(@ids))
ORDER BY priority_rank, run_at, id;
