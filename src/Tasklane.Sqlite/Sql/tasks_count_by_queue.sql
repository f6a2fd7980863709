SELECT queue, status, COUNT(*)
FROM tasks
WHERE deleted_at IS NULL
  AND (@visible_to IS NULL OR created_by_id = @visible_to)
GROUP BY queue, status
ORDER BY queue;
