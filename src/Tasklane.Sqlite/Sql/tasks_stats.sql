-- Three result sets over non-deleted tasks created in [@from, @to] (visible to @visible_to when set):
-- 1. count by status, with the average run time of completed tasks;
-- 2. one row per worker;
-- 3. the time series: one row per non-empty bucket of @bucket_ms milliseconds from @from.
SELECT status,
       COUNT(*),
       AVG(CASE WHEN status = 'completed' AND started_at IS NOT NULL AND ended_at IS NOT NULL THEN ended_at - started_at END)
FROM tasks
WHERE deleted_at IS NULL AND created_at >= @from AND created_at <= @to
  AND (@visible_to IS NULL OR created_by_id = @visible_to)
GROUP BY status;

SELECT worker,
       COUNT(*),
       SUM(status = 'completed'),
       SUM(status = 'failed'),
       AVG(CASE WHEN status = 'completed' AND started_at IS NOT NULL AND ended_at IS NOT NULL THEN ended_at - started_at END),
       MAX(started_at)
FROM tasks
WHERE deleted_at IS NULL AND created_at >= @from AND created_at <= @to
  AND (@visible_to IS NULL OR created_by_id = @visible_to)
GROUP BY worker
ORDER BY worker;

SELECT (created_at - @from) / @bucket_ms AS bucket,
       COUNT(*),
       SUM(status = 'completed'),
       SUM(status = 'failed')
FROM tasks
WHERE deleted_at IS NULL AND created_at >= @from AND created_at <= @to
  AND (@visible_to IS NULL OR created_by_id = @visible_to)
GROUP BY bucket
ORDER BY bucket;
