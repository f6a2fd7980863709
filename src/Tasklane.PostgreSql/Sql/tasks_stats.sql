-- Live tasks created in [@from, @to] (visible to @visible_to when set), one row per worker and time-series bucket
-- (@bucket_ms milliseconds from @from): counts by status, completed runs with both times (count, summed ms), the
-- latest start. Whole hours come from the hourly counters (with their changes not folded yet); the hours in
-- @direct_hours (unix ms of hour starts: the edges of the range and the hours a bucket boundary cuts) are read from the tasks themselves,
-- index-only through ix_tasks_created_at (its included columns). NOT IN, not <> ALL: it is hashed, not rescanned per row.
WITH hours AS (
  SELECT hour, worker, creator,
         sum(pending) AS pending, sum(running) AS running, sum(completed) AS completed, sum(failed) AS failed,
         sum(cancelled) AS cancelled, sum(duration_count) AS duration_count, sum(duration_sum) AS duration_sum,
         max(max_started_at) AS max_started_at, bool_or(stale_max) AS stale_max
  FROM (
    SELECT hour, worker, creator, pending, running, completed, failed, cancelled, duration_count, duration_sum, max_started_at, stale_max
    FROM task_stats_hourly
    WHERE hour >= @from::timestamptz AND hour <= @to::timestamptz
    UNION ALL
    SELECT hour, worker, creator, pending, running, completed, failed, cancelled, duration_count, duration_sum, max_started_at, stale_max
    FROM task_counter_deltas
    WHERE hour >= @from::timestamptz AND hour <= @to::timestamptz
  ) u
  WHERE hour NOT IN (SELECT to_timestamp(h / 1000) FROM unnest(@direct_hours::bigint[]) AS h)
    AND (@visible_to::bigint IS NULL OR creator = @visible_to::bigint)
  GROUP BY hour, worker, creator
), cells AS (
  SELECT h.worker, floor(EXTRACT(EPOCH FROM (h.hour - @from::timestamptz)) * 1000 / @bucket_ms::bigint)::bigint AS bucket,
         h.pending, h.running, h.completed, h.failed, h.cancelled, h.duration_count, h.duration_sum,
         CASE WHEN h.stale_max THEN (
           SELECT max(t.started_at) FROM tasks t
           WHERE t.deleted_at IS NULL AND t.created_at >= h.hour AND t.created_at < h.hour + interval '1 hour'
             AND t.worker = h.worker AND coalesce(t.created_by_id, -9223372036854775807) = h.creator)
         ELSE h.max_started_at END AS max_started_at
  FROM hours h
  UNION ALL
  SELECT t.worker, t.bucket, t.pending, t.running, t.completed, t.failed, t.cancelled, t.duration_count, t.duration_sum,
         t.max_started_at
  FROM (SELECT to_timestamp(h / 1000) AS hour FROM unnest(@direct_hours::bigint[]) AS h) d
  -- One index range per hour, summed there by worker and bucket (an aggregate keeps the planner from joining the
  -- whole range to the hours instead, and the outer sum gets a few rows per hour, not every task).
  -- date_part (double precision), not EXTRACT (numeric): half the CPU over the thousands of tasks of an hour.
  CROSS JOIN LATERAL (
    SELECT t.worker, floor(date_part('epoch', t.created_at - @from::timestamptz) * 1000 / @bucket_ms::bigint)::bigint AS bucket,
           count(*) FILTER (WHERE t.status = 'pending') AS pending, count(*) FILTER (WHERE t.status = 'running') AS running,
           count(*) FILTER (WHERE t.status = 'completed') AS completed, count(*) FILTER (WHERE t.status = 'failed') AS failed,
           count(*) FILTER (WHERE t.status = 'cancelled') AS cancelled,
           count(*) FILTER (WHERE t.status = 'completed' AND t.started_at IS NOT NULL AND t.ended_at IS NOT NULL) AS duration_count,
           coalesce(sum(date_part('epoch', t.ended_at - t.started_at) * 1000)
             FILTER (WHERE t.status = 'completed' AND t.started_at IS NOT NULL AND t.ended_at IS NOT NULL)::numeric, 0) AS duration_sum,
           max(t.started_at) AS max_started_at
    FROM tasks t
    WHERE t.created_at >= d.hour AND t.created_at < d.hour + interval '1 hour'
      AND t.deleted_at IS NULL AND t.created_at >= @from::timestamptz AND t.created_at <= @to::timestamptz
      AND (@visible_to::bigint IS NULL OR t.created_by_id = @visible_to::bigint)
    GROUP BY 1, 2
  ) t
)
SELECT worker, bucket, sum(pending)::bigint, sum(running)::bigint, sum(completed)::bigint, sum(failed)::bigint,
       sum(cancelled)::bigint, sum(duration_count)::bigint, sum(duration_sum)::numeric, max(max_started_at)
FROM cells
GROUP BY worker, bucket
ORDER BY worker, bucket;
