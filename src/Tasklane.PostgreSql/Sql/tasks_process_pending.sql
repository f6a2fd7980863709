UPDATE tasks
SET run_at = @now, updated_at = @now
WHERE status = 'pending'
  AND deleted_at IS NULL
  AND run_at > @now
  AND (@visible_to::bigint IS NULL OR created_by_id = @visible_to::bigint)
RETURNING id;
