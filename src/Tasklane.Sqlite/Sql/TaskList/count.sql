-- How many live tasks match, counted up to @count_limit rows (the list reports a larger total as capped).
SELECT COUNT(*)
FROM (
  SELECT 1
  FROM tasks
  WHERE deleted_at IS NULL{filters}
  LIMIT @count_limit
) AS matched;
