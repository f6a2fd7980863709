-- One page of live tasks in the list's order. The ids are found first (through an index alone where the filters
-- allow), so a deep OFFSET skips index entries, not rows; then only the page's rows are read.
SELECT *
FROM tasks
WHERE id IN (
  SELECT id
  FROM tasks
  WHERE deleted_at IS NULL{filters}
  ORDER BY {order}
  LIMIT @limit OFFSET @offset
)
ORDER BY {order};
