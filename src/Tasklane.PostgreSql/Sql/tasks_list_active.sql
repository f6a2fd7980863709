-- The dashboard's active tasks: the newest running and pending top-level tasks (only one user's with @visible_to),
-- newest first, in one statement. Each status's newest ids come from the list's (status, id) index.
SELECT *
FROM tasks
WHERE id IN (
  SELECT id FROM (SELECT id FROM tasks
                  WHERE status = 'running' AND deleted_at IS NULL AND parent_id IS NULL
                    AND (@visible_to::bigint IS NULL OR created_by_id = @visible_to::bigint)
                  ORDER BY id DESC LIMIT @limit) AS running
  UNION ALL
  SELECT id FROM (SELECT id FROM tasks
                  WHERE status = 'pending' AND deleted_at IS NULL AND parent_id IS NULL
                    AND (@visible_to::bigint IS NULL OR created_by_id = @visible_to::bigint)
                  ORDER BY id DESC LIMIT @limit) AS pending
)
ORDER BY id DESC
LIMIT @limit;
