SELECT status, COUNT(*)
FROM tasks
WHERE deleted_at IS NULL
  AND parent_id IS NULL
  AND (@visible_to::bigint IS NULL OR created_by_id = @visible_to::bigint)
GROUP BY status;
