SELECT status, COUNT(*)
FROM tasks
WHERE deleted_at IS NULL
  AND parent_id IS NULL
  AND (@visible_to IS NULL OR created_by_id = @visible_to)
GROUP BY status;
