-- Give running tasks of a node back to the queue; the attempt does not count.
UPDATE tasks
SET status = 'pending',
    attempt = MAX(attempt - 1, 0),
    run_at = @now,
    lease_owner = NULL,
    lease_expires_at = NULL,
    updated_at = @now
WHERE id IN (SELECT value FROM json_each(@ids))
  AND status = 'running'
  AND lease_owner = @node
RETURNING id;
