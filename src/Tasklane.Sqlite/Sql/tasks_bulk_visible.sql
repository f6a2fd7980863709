-- The live tasks among @ids (a JSON array) that the caller may see (@visible_to null: every task), highest id first.
SELECT id
FROM tasks
WHERE id IN (SELECT value FROM json_each(@ids))
  AND deleted_at IS NULL
  AND (@visible_to IS NULL OR created_by_id = @visible_to)
ORDER BY id DESC;
