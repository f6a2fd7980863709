-- Running tasks whose lease ran out: back to pending while the automatic budget lasts, else failed.
-- A task whose cancellation was requested ends cancelled instead of running again.
-- The expired tasks and their parents (which the rescue recomputes) are locked in id order, a parent before its
-- subtasks, as every multi-row write does. SKIP LOCKED: every node may run the rescuer; a row another node is rescuing
-- (or completing) is left to it, and so is a subtask whose parent is locked right now (the next round takes it).
WITH expired AS (
  SELECT id, parent_id
  FROM tasks
  WHERE status = 'running'
    AND lease_expires_at < @now
), locked AS (
  SELECT id
  FROM tasks
  WHERE id IN (SELECT id FROM expired UNION SELECT parent_id FROM expired WHERE parent_id IS NOT NULL)
  ORDER BY id
  FOR NO KEY UPDATE SKIP LOCKED
)
UPDATE tasks t
SET status = CASE
               WHEN t.cancel_requested THEN 'cancelled'
               WHEN t.attempt - t.attempt_base < t.max_attempts THEN 'pending'
               ELSE 'failed'
             END,
    run_at = CASE WHEN NOT t.cancel_requested AND t.attempt - t.attempt_base < t.max_attempts THEN @now ELSE t.run_at END,
    ended_at = CASE WHEN NOT t.cancel_requested AND t.attempt - t.attempt_base < t.max_attempts THEN NULL ELSE @now END,
    error = @message::text,
    stack_trace = NULL,
    lease_owner = NULL,
    lease_expires_at = NULL,
    cancel_requested = false,
    updated_at = @now
FROM expired e
WHERE t.id = e.id
  AND e.id IN (SELECT id FROM locked)
  AND (e.parent_id IS NULL OR e.parent_id IN (SELECT id FROM locked))
  AND t.status = 'running'
  AND t.lease_expires_at < @now
RETURNING t.id;
