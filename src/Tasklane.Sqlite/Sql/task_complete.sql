-- Ends one attempt; a stale outcome (another node, another attempt, no longer running) changes nothing.
UPDATE tasks
SET status = @status,
    progress = CASE WHEN @status = 'completed' THEN 100 ELSE progress END,
    error = CASE WHEN @status IN ('failed', 'pending') THEN @error ELSE error END,
    stack_trace = CASE WHEN @status IN ('failed', 'pending') THEN @stack_trace ELSE stack_trace END,
    run_at = CASE WHEN @status = 'pending' THEN @run_at ELSE run_at END,
    ended_at = CASE WHEN @status = 'pending' THEN NULL ELSE @now END,
    artifact_key = COALESCE(@artifact_key, artifact_key),
    artifact_name = COALESCE(@artifact_name, artifact_name),
    artifact_size = COALESCE(@artifact_size, artifact_size),
    response_code = COALESCE(@response_code, CASE @status WHEN 'completed' THEN 200 WHEN 'failed' THEN 500 ELSE response_code END),
    response_message = COALESCE(@response_message, CASE @status WHEN 'completed' THEN 'OK' WHEN 'failed' THEN @error ELSE response_message END),
    lease_owner = NULL,
    lease_expires_at = NULL,
    cancel_requested = 0,
    updated_at = @now
WHERE id = @id
  AND status = 'running'
  AND lease_owner = @node
  AND attempt = @attempt;
