-- Live tasks by queue and status (pending, running, completed, failed, cancelled), from the kept counters and
-- their changes not folded yet.
SELECT queue, sum(pending)::bigint, sum(running)::bigint, sum(completed)::bigint, sum(failed)::bigint, sum(cancelled)::bigint
FROM (
  SELECT queue, creator, pending, running, completed, failed, cancelled FROM task_counts
  UNION ALL
  SELECT queue, creator, pending, running, completed, failed, cancelled FROM task_counter_deltas
) c
WHERE @visible_to::bigint IS NULL OR creator = @visible_to::bigint
GROUP BY queue
ORDER BY queue;
