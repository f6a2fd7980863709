-- Live tasks created in [@from, @to] (visible to @visible_to when set), one row per worker and time-series bucket
-- (@bucket_ms milliseconds from @from): counts by status, completed runs with both times (count, summed ms), the
-- latest start. Whole hours come from the hourly counters; the hours in @direct_hours (a JSON array of hour starts:
-- the edges of the range and the hours a bucket boundary cuts) are read from the tasks themselves.
WITH direct (hour) AS (
  SELECT value FROM json_each(@direct_hours)
), cells AS (
  SELECT h.worker, (h.hour - @from) / @bucket_ms AS bucket,
         h.pending, h.running, h.completed, h.failed, h.cancelled, h.duration_count, h.duration_sum,
         CASE WHEN h.stale_max THEN (
           SELECT MAX(t.started_at) FROM tasks t
           WHERE t.deleted_at IS NULL AND t.created_at >= h.hour AND t.created_at < h.hour + 3600000
             AND t.worker = h.worker AND IFNULL(t.created_by_id, -9223372036854775807) = h.creator)
         ELSE h.max_started_at END AS max_started_at
  FROM task_stats_hourly h
  WHERE h.hour >= @from AND h.hour <= @to
    AND h.hour NOT IN (SELECT hour FROM direct)
    AND (@visible_to IS NULL OR h.creator = @visible_to)
  UNION ALL
  SELECT t.worker, (t.created_at - @from) / @bucket_ms,
         t.status = 'pending', t.status = 'running', t.status = 'completed', t.status = 'failed', t.status = 'cancelled',
         t.status = 'completed' AND t.started_at IS NOT NULL AND t.ended_at IS NOT NULL,
         CASE WHEN t.status = 'completed' AND t.started_at IS NOT NULL AND t.ended_at IS NOT NULL THEN t.ended_at - t.started_at ELSE 0 END,
         t.started_at
  FROM direct d
  CROSS JOIN tasks t -- CROSS JOIN: SQLite walks the few hours outside, each a range of ix_tasks_created_at
  WHERE t.created_at >= d.hour AND t.created_at < d.hour + 3600000
    AND t.deleted_at IS NULL AND t.created_at >= @from AND t.created_at <= @to
    AND (@visible_to IS NULL OR t.created_by_id = @visible_to)
)
SELECT worker, bucket, SUM(pending), SUM(running), SUM(completed), SUM(failed), SUM(cancelled),
       SUM(duration_count), SUM(duration_sum), MAX(max_started_at)
FROM cells
GROUP BY worker, bucket
ORDER BY worker, bucket;
