-- One batch of tasks to remove: completed before the cut-off, or soft-deleted before theirs.
SELECT id, artifact_key
FROM tasks
WHERE ((status = 'completed' AND ended_at < @completed_before)
       OR (deleted_at IS NOT NULL AND deleted_at < @deleted_before))
  AND (@visible_to IS NULL OR created_by_id = @visible_to)
ORDER BY id
LIMIT @limit;
