-- The live tasks among @ids that the caller may see (@visible_to null: every task), highest id first.
SELECT id
FROM tasks
WHERE id = ANY (@ids::bigint[])
  AND deleted_at IS NULL
  AND (@visible_to::bigint IS NULL OR created_by_id = @visible_to::bigint)
ORDER BY id DESC;
