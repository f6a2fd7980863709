-- Bulk retry of @ids, as task_retry: failed or cancelled top-level tasks back to pending, the automatic-retry
-- budget afresh. A subtask is retried only by its own route, and a parent that failed through a failed subtask is
-- left alone (retrying it would not retry the step): both are skipped, as the single retry refuses them.
UPDATE tasks
SET status = 'pending',
    run_at = @now,
    attempt_base = attempt,
    ended_at = NULL,
    cancel_requested = false,
    lease_owner = NULL,
    lease_expires_at = NULL,
    updated_at = @now
WHERE id = ANY (@ids::bigint[])
  AND status IN ('failed', 'cancelled')
  AND parent_id IS NULL
  AND deleted_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM tasks c WHERE c.parent_id = tasks.id AND c.status = 'failed' AND c.deleted_at IS NULL)
RETURNING id;
