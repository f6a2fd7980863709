-- Three result sets over non-deleted tasks created in [@from, @to] (visible to @visible_to when set):
-- 1. count by status, with the average run time (ms) of completed tasks;
-- 2. one row per worker;
-- 3. the time series: one row per non-empty bucket of @bucket_ms milliseconds from @from.
SELECT status,
       COUNT(*),
       AVG(CASE WHEN status = 'completed' AND started_at IS NOT NULL AND ended_at IS NOT NULL
                THEN EXTRACT(EPOCH FROM (ended_at - started_at)) * 1000 END)::double precision
FROM tasks
WHERE deleted_at IS NULL AND created_at >= @from AND created_at <= @to
  AND (@visible_to::bigint IS NULL OR created_by_id = @visible_to::bigint)
GROUP BY status;

SELECT worker,
       COUNT(*),
       COUNT(*) FILTER (WHERE status = 'completed'),
       COUNT(*) FILTER (WHERE status = 'failed'),
       AVG(CASE WHEN status = 'completed' AND started_at IS NOT NULL AND ended_at IS NOT NULL
                THEN EXTRACT(EPOCH FROM (ended_at - started_at)) * 1000 END)::double precision,
       MAX(started_at)
FROM tasks
WHERE deleted_at IS NULL AND created_at >= @from AND created_at <= @to
  AND (@visible_to::bigint IS NULL OR created_by_id = @visible_to::bigint)
GROUP BY worker
ORDER BY worker;

SELECT FLOOR(EXTRACT(EPOCH FROM (created_at - @from)) * 1000 / @bucket_ms)::bigint AS bucket,
       COUNT(*),
       COUNT(*) FILTER (WHERE status = 'completed'),
       COUNT(*) FILTER (WHERE status = 'failed')
FROM tasks
WHERE deleted_at IS NULL AND created_at >= @from AND created_at <= @to
  AND (@visible_to::bigint IS NULL OR created_by_id = @visible_to::bigint)
GROUP BY bucket
ORDER BY bucket;
