-- Renew the node's leases, then name its running tasks whose cancellation was asked for.
UPDATE tasks
SET lease_expires_at = @lease_expires_at
WHERE lease_owner = @node
  AND status = 'running';

SELECT id
FROM tasks
WHERE lease_owner = @node
  AND status = 'running'
  AND cancel_requested = 1
ORDER BY id;
