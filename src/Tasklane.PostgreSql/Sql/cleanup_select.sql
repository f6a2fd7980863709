-- One batch of tasks to remove: completed before the cut-off, failed or cancelled before theirs (none when
-- @failed_before is NULL), or soft-deleted before theirs. A subtask goes only with
-- its parent (or after it): the completed steps of a failed pipeline stay, for its retry and its graph.
-- SKIP LOCKED: nodes running retention at once take disjoint batches.
SELECT t.id, t.artifact_key
FROM tasks t
WHERE ((t.status = 'completed' AND t.ended_at < @completed_before)
       OR (t.status IN ('failed', 'cancelled') AND t.ended_at < @failed_before::timestamptz)
       OR (t.deleted_at IS NOT NULL AND t.deleted_at < @deleted_before))
  AND (t.parent_id IS NULL OR NOT EXISTS (
       SELECT 1 FROM tasks p WHERE p.id = t.parent_id
         AND NOT (p.status = 'completed' AND p.ended_at < @completed_before)
         AND NOT COALESCE(p.status IN ('failed', 'cancelled') AND p.ended_at < @failed_before::timestamptz, false)
         AND NOT (p.deleted_at IS NOT NULL AND p.deleted_at < @deleted_before)))
  AND (@visible_to::bigint IS NULL OR t.created_by_id = @visible_to::bigint)
ORDER BY t.id
LIMIT @limit
FOR UPDATE SKIP LOCKED;
