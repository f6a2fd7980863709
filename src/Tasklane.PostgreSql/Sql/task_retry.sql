-- Failed or cancelled back to pending; the automatic-retry budget starts afresh.
UPDATE tasks
SET status = 'pending',
    run_at = @now,
    attempt_base = attempt,
    ended_at = NULL,
    cancel_requested = false,
    lease_owner = NULL,
    lease_expires_at = NULL,
    updated_at = @now
WHERE id = @id AND status IN ('failed', 'cancelled');
