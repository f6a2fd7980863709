-- Live top-level tasks by status (pending, running, completed, failed, cancelled), from the kept counters and
-- their changes not folded yet.
SELECT sum(pending)::bigint, sum(running)::bigint, sum(completed)::bigint, sum(failed)::bigint, sum(cancelled)::bigint
FROM (
  SELECT creator, top_level, pending, running, completed, failed, cancelled FROM task_counts
  UNION ALL
  SELECT creator, top_level, pending, running, completed, failed, cancelled FROM task_counter_deltas
) c
WHERE top_level
  AND (@visible_to::bigint IS NULL OR creator = @visible_to::bigint);
