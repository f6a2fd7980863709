-- Live tasks by queue, status (pending, running, completed, failed, cancelled) and whether they are subtasks (the last
-- column), from the kept counters and their changes not folded yet.
SELECT queue, sum(pending)::bigint, sum(running)::bigint, sum(completed)::bigint, sum(failed)::bigint, sum(cancelled)::bigint, NOT top_level
FROM (
  SELECT queue, creator, top_level, pending, running, completed, failed, cancelled FROM task_counts
  UNION ALL
  SELECT queue, creator, top_level, pending, running, completed, failed, cancelled FROM task_counter_deltas
) c
WHERE @visible_to::bigint IS NULL OR creator = @visible_to::bigint
GROUP BY queue, top_level
ORDER BY queue, top_level DESC;
