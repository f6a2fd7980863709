-- The handler has returned but subtasks are unfinished: keep the task running, without a lease, awaiting them.
UPDATE tasks
SET awaiting_subtasks = 1,
    artifact_key = COALESCE(@artifact_key, artifact_key),
    artifact_name = COALESCE(@artifact_name, artifact_name),
    artifact_size = COALESCE(@artifact_size, artifact_size),
    lease_owner = NULL,
    lease_expires_at = NULL,
    updated_at = @now
WHERE id = @id
  AND status = 'running'
  AND lease_owner = @node
  AND attempt = @attempt;
