-- Renew the node's leases (locking its rows in id order, as every multi-row write does),
-- then name its running tasks whose cancellation was asked for.
WITH mine AS (
  SELECT id
  FROM tasks
  WHERE lease_owner = @node::text
    AND status = 'running'
  ORDER BY id
  FOR NO KEY UPDATE
), renewed AS (
  UPDATE tasks t
  SET lease_expires_at = @lease_expires_at
  FROM mine
  WHERE t.id = mine.id
    AND t.lease_owner = @node::text
    AND t.status = 'running'
  RETURNING t.id, t.cancel_requested
)
SELECT id
FROM renewed
WHERE cancel_requested
ORDER BY id;
