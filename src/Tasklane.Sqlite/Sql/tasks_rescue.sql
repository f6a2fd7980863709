-- Running tasks whose lease ran out: back to pending while the automatic budget lasts, else failed.
-- A task whose cancellation was requested ends cancelled instead of running again.
UPDATE tasks
SET status = CASE
               WHEN cancel_requested = 1 THEN 'cancelled'
               WHEN attempt - attempt_base < max_attempts THEN 'pending'
               ELSE 'failed'
             END,
    run_at = CASE WHEN cancel_requested = 0 AND attempt - attempt_base < max_attempts THEN @now ELSE run_at END,
    ended_at = CASE WHEN cancel_requested = 0 AND attempt - attempt_base < max_attempts THEN NULL ELSE @now END,
    error = @message,
    stack_trace = NULL,
    lease_owner = NULL,
    lease_expires_at = NULL,
    cancel_requested = 0,
    updated_at = @now
WHERE status = 'running'
  AND lease_expires_at < @now
RETURNING id;
