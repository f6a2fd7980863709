-- Start the chosen (already locked) tasks under a lease, log one line each, and return them in claim order.
WITH claimed AS (
  UPDATE tasks
  SET status = 'running',
      attempt = attempt + 1,
      started_at = @now,
      updated_at = @now,
      ended_at = NULL,
      lease_owner = @node::text,
      lease_expires_at = @lease_expires_at,
      cancel_requested = false
  WHERE id = ANY (@ids::bigint[])
    AND status = 'pending'
  RETURNING *
), logged AS (
  INSERT INTO task_logs (task_id, at, level, message, status, progress, processed, total, eta_seconds)
  SELECT id, @now, 'info', 'Started attempt ' || attempt || ' on node ' || @node::text,
         status, progress, processed, total, eta_seconds
  FROM claimed
  ORDER BY priority_rank, run_at, id
)
SELECT *
FROM claimed
ORDER BY priority_rank, run_at, id;
