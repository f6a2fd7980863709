-- Give running tasks of a node back to the queue; the attempt does not count.
UPDATE tasks
SET status = 'pending',
    attempt = GREATEST(attempt - 1, 0),
    run_at = @now,
    lease_owner = NULL,
    lease_expires_at = NULL,
    updated_at = @now
WHERE id = ANY (@ids::bigint[])
  AND status = 'running'
  AND lease_owner = @node::text
RETURNING id;
