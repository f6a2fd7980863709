-- Live tasks by queue, status (pending, running, completed, failed, cancelled) and whether they are subtasks (the last
-- column, 0 for top-level tasks), from the kept counters.
SELECT queue, SUM(pending), SUM(running), SUM(completed), SUM(failed), SUM(cancelled), 1 - top_level
FROM task_counts
WHERE @visible_to IS NULL OR creator = @visible_to
GROUP BY queue, top_level
ORDER BY queue, top_level DESC;
